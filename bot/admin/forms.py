"""Reading the back office's form fields through the one validation of stockbot
(`bot.validation`): the same bounds and messages as the API, the CLI and imports."""

from __future__ import annotations

from starlette.datastructures import FormData

from bot.validation import NumberKind, check_text, read_number


def whole_number(form: FormData, name: str, label: str, kind: NumberKind) -> int:
    """A number as typed in a form (`1 000` included), checked for `kind`; InvalidInput
    naming the field by `label`."""
    return read_number(label, str(form.get(name, "") or ""), kind)


def short_text(form: FormData, name: str, label: str, *, limit: int, required: bool = False) -> str:
    return check_text(label, str(form.get(name, "") or ""), limit=limit, required=required)
