"""The acceptance dialogues of issues 12 and 13 (`tests/dialogues/*.yaml`), one test each.

Each dialogue is played through signed Meta webhooks, the inbound processor, the outbox worker and
the fake Graph API (`tests/dialogues/runner.py`). Those listed in `known_failures.txt` are
expected to fail (`xfail`, not strict): one the bot gets right shows as XPASS, and its line can go.
`python bench/dialogues.py` prints the pass rates and, for each failing dialogue, the step, what was
expected and what the bot answered.
"""

from __future__ import annotations

from pathlib import Path

from tests.dialogues.suite import CorpusTests, dialogue_db, line  # noqa: F401


class TestCorpus(CorpusTests):
    folder = Path(__file__).parent
