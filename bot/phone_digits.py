"""A number written `+` and its international digits, checked without parsing it.

Meta sends every sender as international digits (`from`, `wa_id`), Twilio as `whatsapp:+…`; in a
burst of webhooks from senders never seen before, `phonenumbers.parse` and `is_valid_number`
took 48 µs a sender, 17 % of the interpreter (see `bench/README.md`, issue 18's seventh round).
For such digits the parse only splits off the country code (the first 1 to 3 digits that are
one), strips a national prefix when the rest starts with one, and keeps the rest as the national
number (its leading zeros counted apart and given back as they were: Côte d'Ivoire's numbers
start with 0). Validity is then the rest matching the country's general pattern and one of its
number types' patterns, each with its possible lengths. `plain_international` does the same
from the library's public metadata, only when the rest does not start with what the country's
national prefix looks like (the parse might strip it), and gives `+digits` only for a number
valid as written; anything else (None) goes through `phonenumbers` as before
(`bot.phones.normalize_phone`). A country code shared by several regions (+1, +7, +44…) is
checked by `phonenumbers.is_valid_number` itself, which picks the region.
`tests/bot/test_phone_digits.py` holds it to the library's answer over every region's numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from phonenumbers import (
    COUNTRY_CODE_TO_REGION_CODE,
    PhoneMetadata,
    PhoneNumber,
    PhoneNumberDesc,
    is_valid_number,
    region_code_for_country_code,
)

# The parse refuses `+` and 3 digits or fewer (no room for a number after the country code);
# E.164 allows 15 digits at most (`normalize_phone` refuses more).
_MIN_DIGITS, _MAX_DIGITS = 4, 15


def plain_international(digits: str) -> str | None:
    """`+digits` when that is a valid number whose E.164 form it is already; None when the
    number is invalid or unusual (`phonenumbers` decides). `digits`: ASCII digits."""
    if not _MIN_DIGITS <= len(digits) <= _MAX_DIGITS or digits[0] == "0":
        return None
    for size in (1, 2, 3):  # as the parse: the shortest prefix that is a country code
        code = int(digits[:size])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    national = digits[size:]
    if len(national) < 2:
        return None
    country = _country(code)
    if country is None or (country.prefix is not None and country.prefix.match(national)):
        return None  # the parse might strip a national prefix: not plain
    if country.valid(national):
        return "+" + digits
    return None


@dataclass(frozen=True, slots=True)
class _Country:
    """What validity reads of one country code's metadata."""

    code: int
    prefix: re.Pattern[str] | None  # the national prefix, as the parse looks for it
    lengths: frozenset[int]  # the general description's possible lengths (empty: any)
    general: re.Pattern[str] | None
    typed: dict[int, re.Pattern[str]] | None  # by length, the number types that allow it
    shared: bool  # several regions share the code: the library picks one

    def valid(self, national: str) -> bool:
        """Whether `national` (the number's own digits, its leading zeros too, as
        `national_significant_number` gives them back) is a valid number of this code."""
        if self.shared:  # leading zeros (none in these regions' numbers): left to the library
            return national[0] != "0" and bool(
                is_valid_number(PhoneNumber(country_code=self.code, national_number=int(national)))
            )
        if self.general is None or self.typed is None:
            return False
        if self.lengths and len(national) not in self.lengths:
            return False
        if self.general.fullmatch(national) is None:
            return False
        pattern = self.typed.get(len(national))
        return pattern is not None and pattern.fullmatch(national) is not None


@cache
def _country(code: int) -> _Country | None:
    regions = COUNTRY_CODE_TO_REGION_CODE[code]
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(
        code, region_code_for_country_code(code)
    )
    if metadata is None:
        return None
    prefix = metadata.national_prefix_for_parsing
    compiled = re.compile(prefix) if prefix else None
    if len(regions) > 1:
        return _Country(code, compiled, frozenset(), None, None, shared=True)
    general = metadata.general_desc
    # The types `is_valid_number` tries (the mobile pattern only when it differs from the fixed).
    descs = [
        metadata.premium_rate,
        metadata.toll_free,
        metadata.shared_cost,
        metadata.voip,
        metadata.personal_number,
        metadata.pager,
        metadata.uan,
        metadata.voicemail,
        metadata.fixed_line,
    ]
    if not metadata.same_mobile_and_fixed_line_pattern:
        descs.append(metadata.mobile)
    typed = {}
    for length in range(2, _MAX_DIGITS):
        allowed = [_pattern(d) for d in descs if _allows(d, length)]
        if allowed:
            typed[length] = re.compile("|".join(f"(?:{p})" for p in allowed))
    return _Country(
        code,
        compiled,
        frozenset(general.possible_length) if general is not None else frozenset(),
        re.compile(_pattern(general)) if _allows(general, None) else None,
        typed,
        shared=False,
    )


def _pattern(desc: PhoneNumberDesc | None) -> str:
    assert desc is not None and desc.national_number_pattern
    return str(desc.national_number_pattern)


def _allows(desc: PhoneNumberDesc | None, length: int | None) -> bool:
    """Whether a number of `length` digits (None: whatever its length) can match `desc`."""
    if desc is None or not desc.national_number_pattern:
        return False
    return length is None or not desc.possible_length or length in desc.possible_length
