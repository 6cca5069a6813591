"""The fast path for `+` and international digits gives what `phonenumbers` gives, or nothing."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from bot.errors import InvalidPhoneNumber
from bot.phone_digits import plain_international
from bot.phones import normalize_phone

# Senegal and its neighbours first (the managers), then France and the NANP (+1: one code,
# many regions), Italy (leading zeros kept), the UK and Russia (codes shared with others).
REGIONS = ["SN", "CI", "ML", "GN", "GM", "MR", "BF", "FR", "US", "CA", "IT", "GB", "RU", "DE"]
TYPES = [
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER,
    PhoneNumberType.PAGER,
    PhoneNumberType.UAN,
    PhoneNumberType.VOICEMAIL,
]


def library(digits: str) -> str | None:
    """What `phonenumbers` makes of `+digits`: its E.164 form when valid, else None (the slow
    path of `normalize_phone`, which refuses more than 15 digits)."""
    if len(digits) > 15:
        return None
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def normalized(digits: str) -> str | None:
    try:
        return normalize_phone("+" + digits)
    except InvalidPhoneNumber:
        return None


def examples(regions: list[str]) -> list[str]:
    """Every example number of these regions (every type), as international digits."""
    found = []
    for region in regions:
        for kind in TYPES:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                found.append(phonenumbers.format_number(number, PhoneNumberFormat.E164)[1:])
    return found


def every_example() -> list[str]:
    """The example numbers of every region and of the codes of no region (+800, +882…)."""
    found = examples(sorted(phonenumbers.SUPPORTED_REGIONS))
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        number = phonenumbers.example_number_for_non_geo_entity(code)
        if number is not None:
            found.append(phonenumbers.format_number(number, PhoneNumberFormat.E164)[1:])
    return found


def variants(digits: str, rng: random.Random) -> list[str]:
    """`digits`, its last digits changed (mostly other valid numbers of the same series), one
    digit more or fewer, and the national prefix written after the country code."""
    out = [digits, digits[:-1], digits + str(rng.randrange(10))]
    for tail in (1, 2, 3, 4, 6):
        if tail < len(digits):
            for _ in range(4):
                changed = "".join(str(rng.randrange(10)) for _ in range(tail))
                out.append(digits[:-tail] + changed)
    number = phonenumbers.parse("+" + digits)
    code = str(number.country_code)
    for prefix in ("0", "1", "8", "00"):
        out.append(code + prefix + digits[len(code) :])
    return out


def agrees(digits: str) -> bool:
    """The fast path gives the library's answer or none; `normalize_phone` the library's."""
    fast, expected = plain_international(digits), library(digits)
    assert fast is None or fast == expected, digits
    assert normalized(digits) == expected, digits
    return fast is not None


def test_every_regions_numbers_and_their_neighbours_agree_with_phonenumbers() -> None:
    """Every region's example numbers, each with 40-odd variants: the fast path never gives
    another answer than the library, and takes most of the valid ones."""
    rng = random.Random(18)
    taken = valid = 0
    for example in every_example():
        for digits in variants(example, rng):
            taken += agrees(digits)
            valid += library(digits) is not None
    assert valid > 5000 and taken > valid * 0.6  # not a dead path: it takes most of them


@pytest.mark.parametrize("region", ["SN", "CI", "ML", "FR", "US"])
def test_the_managers_mobiles_take_the_fast_path(region: str) -> None:
    for digits in examples([region])[:1]:  # the mobile example
        assert plain_international(digits) == "+" + digits == library(digits)


@pytest.mark.parametrize(
    "digits",
    [
        "330612345678",  # France with its national prefix: the library strips it
        "390612345678",  # Italy, a leading zero kept
        "11234567890",  # +1 then its national prefix
        # Belarus: valid written as it is, but the library strips 8 10 (its national prefix
        # and carrier code) and finds the rest invalid.
        "3758102949119",
        "2210771234567",
        "221",
        "2217",
        "0221771234567",
        "999123456789",  # no such country code
        "2217712345670000",  # 16 digits
    ],
)
def test_unusual_digits_are_left_to_the_library(digits: str) -> None:
    assert not agrees(digits)


# Country codes of the managers' region and a few others, then any national digits; and
# numbers built from example numbers with random tails (valid far more often).
CODES = ["221", "225", "223", "224", "220", "222", "226", "33", "1", "39", "44", "7", "49"]


@settings(max_examples=3000, deadline=None)
@given(code=st.sampled_from(CODES), national=st.text("0123456789", min_size=0, max_size=14))
def test_any_digits_after_a_country_code_agree_with_phonenumbers(code: str, national: str) -> None:
    agrees(code + national)


@settings(max_examples=3000, deadline=None)
@given(
    example=st.sampled_from(examples(REGIONS)),
    keep=st.integers(min_value=1, max_value=8),
    tail=st.text("0123456789", min_size=0, max_size=10),
)
def test_numbers_near_valid_ones_agree_with_phonenumbers(
    example: str, keep: int, tail: str
) -> None:
    agrees(example[: len(example) - keep] + tail)
