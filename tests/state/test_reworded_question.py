"""The question waiting is said again in the language of now when it was asked in another: built
again from the conversation's state (`Turn.reword_question`), with the same buttons' token."""

from __future__ import annotations

from dataclasses import replace

from state import ChoiceIn, LanguageSet
from tests.state.conftest import CATALOG, Runner, make_view, texts


def _in_english(runner: Runner) -> None:
    """The manager's language became English (set by the owner, or followed) between steps."""
    runner.view = replace(runner.view, language="en")


def test_a_quantity_question_comes_again_in_the_new_language() -> None:
    runner = Runner(make_view())
    assert texts(runner.say("vendu riz")) == "Riz brisé 50kg : combien de sacs ?"
    _in_english(runner)
    out = texts(runner.say("?"))
    assert out == "Riz brisé 50kg: how many bags?", out
    out = texts(runner.say("3"))
    assert out.startswith("Record the sale of 3 bags of Riz brisé 50kg?"), out


def test_a_product_list_comes_again_whole_in_the_new_language() -> None:
    runner = Runner(make_view())
    assert texts(runner.say("vendu")).startswith("Quel produit ?")
    _in_english(runner)
    out = texts(runner.say("merci"))  # a list above is named in one line, in its own language
    assert "Which product?" in out and "[Riz brisé 50kg]" in out, out
    assert "Quel produit" not in out


def test_a_confirmation_reworded_keeps_its_buttons_token() -> None:
    runner = Runner(make_view())
    runner.say("vendu 3 riz")
    yes = runner.choice("yes")
    _in_english(runner)
    out = texts(runner.say("?"))
    assert out.startswith("Record the sale of 3 bags of Riz brisé 50kg?"), out
    assert runner.choice("yes") == yes  # the French message's button still answers it
    done = runner.feed(ChoiceIn(yes))
    assert [type(e).__name__ for e in done.effects] == ["RecordMovement"], done.effects


def test_a_question_about_a_product_gone_is_said_again_as_it_was_asked() -> None:
    """Its flow cannot build it again (the product is gone): the question that waits is said
    from what it was made of, in the new language (it kept its French wording)."""
    runner = Runner(make_view())
    runner.say("vendu riz")
    runner.view = make_view(language="en", rows=[r for r in CATALOG if r[0] != "RIZ"])
    out = texts(runner.say("?"))
    assert out == "Riz brisé 50kg: how many bags?", out


def test_a_language_chosen_under_a_question_keeps_it_and_asks_it_again() -> None:
    runner = Runner(make_view())
    runner.say("vendu riz")
    chosen = runner.say("english please")
    assert runner.state == "awaiting_quantity"  # kept, not replaced
    assert [type(e).__name__ for e in chosen.effects] == ["SetLanguage"]
    _in_english(runner)
    out = texts(runner.feed(LanguageSet("en")))
    assert out == "OK, I will write to you in English.\nRiz brisé 50kg: how many bags?", out
