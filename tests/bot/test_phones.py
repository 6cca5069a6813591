import pytest

from bot.errors import InvalidPhoneNumber
from bot.logs import mask_phones_in
from bot.phones import mask_phone, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "77 123 45 67",
        "771234567",
        "+221771234567",
        "221771234567",
        "+221 77 123 45 67",
        "00221771234567",
        "77.123.45.67",
        "77-123-45-67",
        "whatsapp:+221771234567",
    ],
)
def test_every_way_of_writing_a_senegalese_number_is_one_person(raw: str) -> None:
    assert normalize_phone(raw, "SN") == "+221771234567"


def test_foreign_numbers_keep_their_country() -> None:
    assert normalize_phone("+33 6 12 34 56 78", "SN") == "+33612345678"
    assert normalize_phone("06 12 34 56 78", "FR") == "+33612345678"


@pytest.mark.parametrize("raw", ["", "77 12", "hello", "+221 12 34", "1" * 20, "+999123456789"])
def test_invalid_numbers_are_refused(raw: str) -> None:
    with pytest.raises(InvalidPhoneNumber, match="invalide"):
        normalize_phone(raw, "SN")


@pytest.mark.parametrize(
    "raw",
    ["+221771112233abc", "77 111 22 33 x", "221771112233#", "+2217711;12233", "tel 771112233"],
)
def test_a_number_with_letters_or_signs_is_refused(raw: str) -> None:
    """Never the digits kept and the rest quietly dropped."""
    with pytest.raises(InvalidPhoneNumber, match="contient des lettres ou des signes"):
        normalize_phone(raw, "SN")


@pytest.mark.parametrize(
    "raw",
    [
        "(+221) 77 111 22 33",  # the country code in brackets
        "+221 77 111 22 33\u200e",  # a left-to-right mark, as a copied number carries
        "\u200b+221771112233",  # a zero-width space
        "+221 77 111 22 33,",  # the end of a sentence
    ],
)
def test_a_number_as_phones_and_people_write_it_is_kept(raw: str) -> None:
    """These were refused as « lettres ou signes »."""
    assert normalize_phone(raw, "SN") == "+221771112233"


def test_mask_keeps_country_and_last_digits() -> None:
    assert mask_phone("+221771234567") == "+22177***4567"
    assert mask_phone("221771234567") == "+22177***4567"


def test_log_filter_masks_numbers_inside_text() -> None:
    text = "reply to +221771234567 and 221761112233 (wamid.ABC123)"
    masked = mask_phones_in(text)
    assert "771234567" not in masked
    assert "761112233" not in masked
    assert "+22177***4567" in masked
    assert "wamid.ABC123" in masked
