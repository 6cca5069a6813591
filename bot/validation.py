"""The one place where text and numbers entering stockbot are checked (or, for what a provider
delivers, cleaned): the admin API, the CLI, catalogue imports, the back office and webhooks.

- `check_text`: a field people type (a name, a note, a code). Lone UTF-16 surrogates (a web
  form cutting an emoji in half) and control characters are refused with the field named;
  a single-line field has its tabs and line breaks made spaces; the result is NFC.
- `clean_text`: text a provider delivers (webhooks) is never refused: the same characters are
  replaced by U+FFFD so that it can be stored and shown.
- `check_number` / `read_number`: the bounds of `intents.limits` for a number given as an
  integer (JSON) or as typed in a cell or a terminal (`1 000`, `12,0`), with a message that
  says what is wrong (a negative number is called negative) and what is expected.

Every refusal is an `InvalidInput` naming the field: the API answers it as 422 with `field`,
the CLI as one line, an import as the line and column.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from bot.errors import InvalidInput
from intents.limits import MAX_QUANTITY, NumberKind, NumberProblem, bounds, number_problem

__all__ = [
    "MAX_QUANTITY",
    "NumberKind",
    "check_number",
    "check_text",
    "clean_text",
    "format_count",
    "read_number",
    "text_problem",
]

_LINE_BREAKS = "\t\n\r"
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[\t\n\r]+")
# The control characters (Unicode category Cc), without and with tab and line breaks.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROLS_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f]")


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why `value` cannot be stored as typed text, or None."""
    if value.isascii() and value.isprintable():
        return None
    if _SURROGATES.search(value):
        return "caractère invalide (émoji coupé en deux, ou texte mal encodé)"
    if (_CONTROLS if multiline else _CONTROLS_AND_BREAKS).search(value):
        return "caractères de contrôle interdits"
    return None


def check_text(
    field: str, value: str, *, limit: int, required: bool = False, multiline: bool = False
) -> str:
    """`value` stripped and NFC-normalised, or InvalidInput naming `field`.

    A single-line field (a name, a code, a unit) gets its tabs and line breaks turned into
    spaces, as a spreadsheet cell typed with Alt+Enter would otherwise keep them.
    """
    if not multiline and not value.isprintable():
        value = _SPACES.sub(" ", value)
    problem = text_problem(value, multiline=multiline)
    if problem is not None:
        raise InvalidInput(field, problem)
    value = unicodedata.normalize("NFC", value).strip()
    if required and not value:
        raise InvalidInput(field, "ne doit pas être vide")
    if len(value) > limit:
        raise InvalidInput(field, f"trop long ({limit} caractères au plus)")
    return value


def clean_text(value: str) -> str:
    """Text as a provider delivered it, made storable: lone surrogates and control characters
    other than tabs and line breaks become U+FFFD (nothing is dropped, nothing refused)."""
    if value.isascii() and "\x00" not in value and value.isprintable():
        return value
    return _CONTROLS.sub("\ufffd", _SURROGATES.sub("\ufffd", value))


def format_count(value: int) -> str:
    """`100000` as French readers write it: `100 000`."""
    return f"{value:,}".replace(",", " ")


def _expected(kind: NumberKind) -> str:
    minimum, maximum = bounds(kind)
    if kind == NumberKind.CORRECTION:
        return f"un nombre entier non nul de -{format_count(maximum)} à {format_count(maximum)}"
    return f"un nombre entier de {minimum} à {format_count(maximum)}"


def _reason(problem: NumberProblem, shown: str, kind: NumberKind) -> str:
    expected = _expected(kind)
    if problem == NumberProblem.NEGATIVE:
        return f"{shown} est négatif : {expected} est attendu"
    if problem == NumberProblem.ZERO:
        return f"{shown} n'est pas permis : {expected} est attendu"
    if problem == NumberProblem.NOT_WHOLE:
        return f"{shown} n'est pas un nombre entier : {expected} est attendu"
    if problem in (NumberProblem.TOO_BIG, NumberProblem.TOO_SMALL):
        return f"{shown} dépasse la limite : {expected} est attendu"
    return f"« {shown} » n'est pas un nombre : {expected} est attendu"


def check_number(field: str, value: int, kind: NumberKind) -> int:
    """`value` if it fits `kind`, else InvalidInput naming `field` and what is expected."""
    problem = number_problem(value, kind)
    if problem is not None:
        shown = str(value) if len(str(value)) <= 20 else str(value)[:20] + "…"
        raise InvalidInput(field, _reason(problem, shown, kind))
    return value


# Digits with optional thousands groups (spaces, no-break spaces, apostrophes), then an
# optional decimal part: `1 000`, `1'000`, `12,0`, `12.00`, `-3`. Only ASCII digits.
_SPACED = re.compile(r"([+-]?)([0-9]{1,3}(?:[ \u00a0\u202f'][0-9]{3})+|[0-9]+)(?:([.,])([0-9]+))?")
# Thousands written with dots or commas, then maybe a decimal part with the other separator:
# `1.234.567`, `1.234,00`, `1,234.5`.
_GROUPED = re.compile(r"([+-]?)([0-9]{1,3}([.,])[0-9]{3}(?:\3[0-9]{3})*)(?:([.,])([0-9]+))?")
_AMBIGUOUS = re.compile(r"[+-]?[0-9]{1,3}[.,][0-9]{3}")  # `1.500`: 1500, or one and a half?


def _decimal(text: str) -> Decimal | None:
    """The number a person typed in a cell, or None when it is none (or ambiguous)."""
    if _AMBIGUOUS.fullmatch(text):
        return None
    if match := _SPACED.fullmatch(text):
        sign, whole, _separator, fraction = match.groups()
        digits = re.sub(r"[^0-9]", "", whole)
        return Decimal(f"{sign}{digits}.{fraction or '0'}")
    if match := _GROUPED.fullmatch(text):
        sign, whole, thousands, separator, fraction = match.groups()
        if separator == thousands:
            return None
        return Decimal(f"{sign}{whole.replace(thousands, '')}.{fraction or '0'}")
    return None


def read_number(field: str, raw: str, kind: NumberKind) -> int:
    """A whole number as typed in a cell or on the command line (`1 000`, `12,0`, `1.234,00`),
    checked against `kind`; InvalidInput naming `field` and saying what is wrong."""
    text = raw.strip()
    if text.isascii() and text.isdigit() and len(text) < 10:  # the common case, fast
        return check_number(field, int(text), kind)
    shown = text if len(text) <= 20 else text[:20] + "…"
    if len(re.sub(r"[^0-9]", "", text)) > 15:
        too_long = NumberProblem.NEGATIVE if text.startswith("-") else NumberProblem.TOO_BIG
        raise InvalidInput(field, _reason(too_long, shown, kind))
    try:
        number = _decimal(text)
    except InvalidOperation:
        number = None
    if number is None:
        if _AMBIGUOUS.fullmatch(text):
            reason = f"{shown} est ambigu : écrivez le nombre sans séparateur (1500 ou 1)"
            raise InvalidInput(field, reason)
        if re.fullmatch(r"[+-]?[0-9][0-9 .,]*\s*[^\W\d_]+\.?", text):
            reason = f"« {shown} » n'est pas un nombre : écrivez le nombre seul, sans l'unité"
            raise InvalidInput(field, reason)
        raise InvalidInput(field, _reason(NumberProblem.NOT_A_NUMBER, shown, kind))
    problem = number_problem(number, kind)
    if problem is not None:
        raise InvalidInput(field, _reason(problem, shown, kind))
    return int(number)
