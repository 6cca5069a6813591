"""Process-wide tuning of the long-running processes: the web app and `stockbot worker`."""

from __future__ import annotations

import gc

# Python's cycle collector examines its youngest generation every 700 net allocations of
# container objects (the default), which a message's objects (ORM rows, SQL parameters, request
# and reply values) cross many times: about 200 collections per 1,000 messages, each promoting
# the objects still alive to older generations, which then need collections of their own. With
# 10,000 the youngest objects are nearly all freed by reference counting before a collection
# comes (5 collections per 1,000 messages, a tenth of the collector's time; bench/README.md,
# "request path"). Cyclic garbage waits a little longer: at most 10,000 objects.
GEN0_THRESHOLD = 10_000


def tune_collector() -> None:
    """Collect the youngest generation less often (never more often than now)."""
    young, older, oldest = gc.get_threshold()
    if 0 < young < GEN0_THRESHOLD:
        gc.set_threshold(GEN0_THRESHOLD, older, oldest)
