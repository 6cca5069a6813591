"""Reading the back office's form fields: whole numbers and short texts, with the messages the
API gives for the same mistakes (the bounds are the services' own: MAX_QUANTITY, column sizes)."""

from __future__ import annotations

from starlette.datastructures import FormData

from bot.errors import ValidationError
from bot.products_import import CONTROL_CHARACTERS, has_control_characters
from bot.stock import MAX_QUANTITY


def whole_number(
    form: FormData, name: str, label: str, *, minimum: int, maximum: int = MAX_QUANTITY
) -> int:
    raw = str(form.get(name, "") or "").strip().replace(" ", "").replace("\u202f", "")
    if not raw.isascii() or not raw.lstrip("-").isdigit() or len(raw) > 12:
        raise ValidationError(f"{label} : un nombre entier est attendu")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ValidationError(f"{label} : un nombre entier de {minimum} à {maximum} est attendu")
    return value


def short_text(form: FormData, name: str, label: str, *, limit: int, required: bool = False) -> str:
    value = str(form.get(name, "") or "").strip()
    if required and not value:
        raise ValidationError(f"{label} : obligatoire")
    if len(value) > limit:
        raise ValidationError(f"{label} : {limit} caractères au plus")
    if has_control_characters(value) or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValidationError(f"{label} : {CONTROL_CHARACTERS}")
    return value
