"""One validation of text and numbers for every way data enters stockbot."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.validation import NumberKind, check_number, check_text, clean_text, read_number


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("12", NumberKind.COUNT, 12),
        (" 0 ", NumberKind.COUNT, 0),
        ("1 000", NumberKind.COUNT, 1000),
        ("1\u202f000", NumberKind.COUNT, 1000),
        ("1\u00a0000", NumberKind.COUNT, 1000),
        ("12,0", NumberKind.COUNT, 12),
        ("12.00", NumberKind.THRESHOLD, 12),
        ("1.234.567", NumberKind.CORRECTION, None),  # too big for a correction
        ("1.234,00", NumberKind.COUNT, 1234),
        ("1,234.0", NumberKind.COUNT, 1234),
        ("-3", NumberKind.CORRECTION, -3),
        ("+5", NumberKind.MOVEMENT, 5),
        ("100000", NumberKind.COUNT, 100_000),
    ],
)
def test_numbers_as_typed_in_a_cell(raw: str, kind: NumberKind, expected: int | None) -> None:
    if expected is None:
        with pytest.raises(InvalidInput, match="dépasse la limite"):
            read_number("quantité", raw, kind)
    else:
        assert read_number("quantité", raw, kind) == expected


@pytest.mark.parametrize(
    ("raw", "kind", "reason"),
    [
        ("-3", NumberKind.COUNT, "-3 est négatif : un nombre entier de 0 à 100 000 est attendu"),
        ("-3", NumberKind.MOVEMENT, "-3 est négatif"),
        ("0", NumberKind.MOVEMENT, "0 n'est pas permis : un nombre entier de 1 à 100 000"),
        ("0", NumberKind.CORRECTION, "0 n'est pas permis : un nombre entier non nul"),
        ("2,5", NumberKind.COUNT, "2,5 n'est pas un nombre entier"),
        ("100001", NumberKind.COUNT, "100001 dépasse la limite"),
        ("9" * 5000, NumberKind.COUNT, "dépasse la limite"),
        ("-" + "9" * 50, NumberKind.COUNT, "est négatif"),
        ("douze", NumberKind.COUNT, "« douze » n'est pas un nombre"),
        ("12 sacs", NumberKind.COUNT, "n'est pas un nombre"),
        ("٣", NumberKind.COUNT, "n'est pas un nombre"),
        ("1_000", NumberKind.COUNT, "n'est pas un nombre"),
        ("", NumberKind.COUNT, "n'est pas un nombre"),
        ("1.500", NumberKind.COUNT, "1.500 est ambigu"),
        ("1,500", NumberKind.COUNT, "ambigu"),
        ("1e9", NumberKind.COUNT, "n'est pas un nombre"),
    ],
)
def test_what_is_wrong_with_a_number_is_said(raw: str, kind: NumberKind, reason: str) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        read_number("quantité", raw, kind)
    assert excinfo.value.field == "quantité"
    assert reason in excinfo.value.reason


def test_check_number_words_a_negative_number_as_negative() -> None:
    with pytest.raises(InvalidInput, match="threshold : -1 est négatif"):
        check_number("threshold", -1, NumberKind.THRESHOLD)
    assert check_number("threshold", 0, NumberKind.THRESHOLD) == 0


@given(st.integers(min_value=-(10**7), max_value=10**7), st.sampled_from(list(NumberKind)))
def test_typed_and_json_numbers_follow_one_rule(value: int, kind: NumberKind) -> None:
    try:
        as_json: object = check_number("q", value, kind)
    except InvalidInput as exc:
        as_json = exc.reason
    try:
        typed: object = read_number("q", str(value), kind)
    except InvalidInput as exc:
        typed = exc.reason
    assert as_json == typed


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Riz \ud83d", "caractère invalide"),
        ("\udcff", "caractère invalide"),
        ("Riz\x00", "caractères de contrôle interdits"),
        ("Riz\x1b[31m", "caractères de contrôle interdits"),
        ("Riz\x85", "caractères de contrôle interdits"),
    ],
)
def test_text_with_broken_or_control_characters_is_refused(value: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        check_text("name", value, limit=120)
    assert (excinfo.value.field, reason in excinfo.value.reason) == ("name", True)


def test_text_is_trimmed_normalised_and_kept_on_one_line() -> None:
    assert check_text("name", "  Cafe\u0301\tTouba\n ", limit=120) == "Café Touba"
    assert check_text("note", "deux\nlignes", limit=500, multiline=True) == "deux\nlignes"
    assert check_text("name", "Riz 🍚 =1+1", limit=120) == "Riz 🍚 =1+1"
    with pytest.raises(InvalidInput, match="trop long"):
        check_text("name", "x" * 121, limit=120)
    with pytest.raises(InvalidInput, match="ne doit pas être vide"):
        check_text("name", "   ", limit=120, required=True)


def test_webhook_text_is_cleaned_not_refused() -> None:
    assert clean_text("ok \ud83d fin\x00") == "ok \ufffd fin\ufffd"
    assert clean_text("ligne 1\nligne 2") == "ligne 1\nligne 2"
    assert clean_text("😀") == "😀"
