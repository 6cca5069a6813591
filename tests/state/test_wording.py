"""`state.wording`: a question said again in another language from what its texts were made
of; what is no text of the catalogues (a product's name) stays as it is."""

from __future__ import annotations

import pytest

from state.messages import amount, shorten, text
from state.values import Choice, Reply
from state.wording import recording, reworded, wording_of


def test_a_question_said_again_with_its_amounts_and_titles() -> None:
    with recording() as log:
        what = text("fr", "line", quantity=amount("fr", 3, "sac"), name="Noix de coco Non")
        question = Reply(
            text("fr", "confirm_sale_many", lines=f"{what}, {what}"),
            buttons=(Choice("move:v1:1-1:yes", shorten(text("fr", "yes"), 20)),),
        )
        wording = wording_of(question, log)
    assert wording is not None
    again = reworded(question, wording, "en")
    assert again == Reply(
        "Record the sale: 3 bags of Noix de coco Non, 3 bags of Noix de coco Non?",
        buttons=(Choice("move:v1:1-1:yes", "Yes"),),
    ), again


def test_words_inside_a_name_are_no_text() -> None:
    with recording() as log:
        no = text("fr", "no")
        question = Reply(f"Noix de coco ?\n{no}")
        wording = wording_of(question, log)
    assert wording is not None
    again = reworded(question, wording, "en")
    assert again is not None and again.text == "Noix de coco ?\nNo", again


def test_a_wording_of_texts_gone_keeps_the_question() -> None:
    question = Reply("Vieille question ?")
    wording = {"text": [{"$": ["text", ["fr", "no_such_text"], {}]}], "buttons": [], "rows": []}
    assert reworded(question, wording, "en") is None


def test_a_question_too_long_to_cut_is_kept_as_said() -> None:
    """A sale of hundreds of lines: cut into its pieces at every message, it cost more than the
    rest of the message (a second at 1,000 lines); it is kept in the language it was said."""
    with recording() as log:
        lines = [
            text("fr", "line", quantity=amount("fr", n, "sac"), name=f"Riz {n}")
            for n in range(1, 400)
        ]
        question = Reply(text("fr", "confirm_sale_many", lines=", ".join(lines)))
        assert wording_of(question, log) is None
    with recording() as log:
        short = Reply(text("fr", "confirm_sale_many", lines=", ".join(lines[:3])))
        assert wording_of(short, log) is not None


def test_a_question_that_would_not_fit_in_the_new_language_is_kept_as_said() -> None:
    """A button title over WhatsApp's 20 characters once said again (the send would be
    refused): the question stays in the language it was asked in."""
    with recording() as log:
        question = Reply("Riz brisé ?", buttons=(Choice("move:v1:1-1:yes", text("fr", "yes")),))
        wording = wording_of(question, log)
    assert wording is not None
    too_long = {**wording, "buttons": [[f"{'x' * 21}"]]}
    assert reworded(question, too_long, "en") is None
    assert reworded(question, wording, "en") == Reply(
        "Riz brisé ?", buttons=(Choice("move:v1:1-1:yes", "Yes"),)
    )


@pytest.mark.parametrize(
    "symbols",
    [
        ["👨‍👩‍👧", "👨‍👩‍👧"],
        ["👍🏾", "👍🏾", "👍🏾", "👍🏾"],
        ["❤️", "❤️", "❤️", "❤️", "❤️"],
        ["🇸🇳", "🇸🇳", "🇸🇳", "🇸🇳", "🇸🇳"],
        ["1️⃣", "2️⃣", "3️⃣", "4️⃣"],
        ["é", "é", "é", "é", "é", "é"],
    ],
)
def test_a_cut_never_splits_a_symbol(symbols: list[str]) -> None:
    """`shorten` cut between the parts of one symbol (a joined family, a skin tone, a flag's
    two letters, a keycap), which phones show as broken boxes."""
    value = "Nom " + "".join(symbols) + " fin du nom"
    ends = {len("Nom ") + len("".join(symbols[:n])) for n in range(len(symbols) + 1)}
    for limit in range(5, 30):
        kept = shorten(value, limit).removesuffix("…")
        assert value.startswith(kept), (limit, kept)
        inside = len("Nom ") < len(kept) < max(ends)
        assert not inside or len(kept) in ends, (limit, kept)
