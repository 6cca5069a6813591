"""stockbot's web app with its background loops off: what the webhook path alone costs.

Every message is verified, parsed, stored and committed before the 200, as in production; the
processing (conversation, replies, sending) that normally runs in the same process afterwards
is left out, so the figure isolates the acknowledgement path.
"""

from __future__ import annotations

from bot.app import create_app

app = create_app(run_background=False)
