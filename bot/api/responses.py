"""JSON answers of the admin API that never fail to render.

Text is checked on the way in (`bot.validation`), but rows written before that check (a lone
surrogate in an alias) must not turn every later listing into a 500: such characters are
rendered as U+FFFD instead.
"""

from __future__ import annotations

import json
from typing import Any

from starlette import responses

from bot.validation import clean_text


class JSONResponse(responses.JSONResponse):
    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            return clean_text(text).encode("utf-8")
