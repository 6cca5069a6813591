"""Phone numbers: one canonical E.164 form for every way managers and providers write them."""

from __future__ import annotations

import unicodedata

import phonenumbers

from bot.errors import InvalidPhoneNumber
from bot.phone_digits import plain_international


def normalize_phone(raw: str, region: str = "SN") -> str:
    """Return `raw` as E.164 (`+221771234567`) or raise InvalidPhoneNumber.

    Accepts `77 123 45 67`, `+221 77 123 45 67`, `221771234567` (as Meta sends `wa_id`),
    `00221…` and `whatsapp:+221…` (Twilio).
    """
    # Marks a phone adds to a copied number (left-to-right mark, zero-width space) are no signs;
    # nor is the comma or the full stop a sentence ends it with.
    text = "".join(ch for ch in raw if unicodedata.category(ch) != "Cf").strip().rstrip(",;.")
    if text.lower().startswith("whatsapp:"):
        text = text[len("whatsapp:") :]
    if text[:1] == "+" and text[1:].isascii() and text[1:].isdigit():
        known = plain_international(text[1:])  # as Meta and Twilio write them: no parsing
        if known is not None:
            return known
    if _signs_in(text):
        # `+221771112233abc`, `77 123 45 67 poste 2`: never the digits kept and the rest dropped
        raise InvalidPhoneNumber(_invalid(raw, "il contient des lettres ou des signes"))
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits or len(digits) > 15:
        raise InvalidPhoneNumber(_invalid(raw))
    candidates: list[tuple[str, str | None]] = []
    if text.startswith("+"):
        candidates.append(("+" + digits, None))
    elif text.startswith("00"):
        candidates.append(("+" + digits[2:], None))
    else:
        candidates.append((digits, region))
        candidates.append(("+" + digits, None))
    for number, number_region in candidates:
        try:
            parsed = phonenumbers.parse(number, number_region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    raise InvalidPhoneNumber(_invalid(raw))


# What people write between the digits of a number: `77 123 45 67`, `77-123-45-67`, `(77) 123…`
_SEPARATORS = frozenset("-.()/")


def _signs_in(text: str) -> bool:
    """Whether `text` holds more than digits and separators, with one `+` before the first
    digit (`(+221) 77 123 45 67` is a number)."""
    first = next((i for i, ch in enumerate(text) if ch.isdigit()), len(text))
    head, tail = text[:first], text[first:]
    return (
        head.count("+") > 1
        or any(not (ch.isspace() or ch in _SEPARATORS or ch == "+") for ch in head)
        or any(not (ch.isdigit() or ch.isspace() or ch in _SEPARATORS) for ch in tail)
    )


def _invalid(raw: str, why: str = "") -> str:
    told = f" : {why}" if why else ""
    return (
        f"numéro de téléphone invalide : {raw[:40]!r}{told}"
        " (exemple : +221771234567 ou 77 123 45 67)"
    )


def mask_phone(phone: str) -> str:
    """Mask a phone number for logs: `+221771234567` -> `+22177***4567`."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 8:
        return "***"
    return f"+{digits[:5]}***{digits[-4:]}"


def wa_digits(e164: str) -> str:
    """The form Meta uses in `to`, `from` and `wa_id`: digits without `+`."""
    return e164.lstrip("+")
