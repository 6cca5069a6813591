"""Goods lost, broken, spoiled or stolen (`j'ai perdu 2 sacs`, `3 flacons se sont cassés`,
`2 bags were stolen`) leave the stock as a count that many below it, confirmed first; they were
not understood. A product's own word (`riz cassé`) or a sale said with it stays what it was."""

from __future__ import annotations

import pytest

from state import RecordMovement, SetCount
from state.events import ChoiceIn, CountRecorded
from tests.state.conftest import Row, Runner, make_view, texts

# A cosmetics shop: a perfume whose name holds a number, a broken-rice-like name word.
BEAUTY: list[Row] = [
    ("PARF-212", "Parfum 212 Men 100ml", ["parfum 212", "212"], "flacon", 12, 2, 6),
    ("PARF-ARD", "Parfum Ard Al Zaafaran", ["parfum ard"], "flacon", 10, 2, 6),
    ("CREME-KARITE", "Crème karité 250ml", ["creme karite", "karite"], "pot", 30, 5, 20),
    ("VERNIS-CASSE", "Vernis effet cassé", ["vernis casse", "vernis"], "flacon", 15, 3, 10),
]


def _counted(runner: Runner, typed: str, answer: str = "oui") -> tuple[str, list[object]]:
    asked = texts(runner.say(typed))
    effects = [e for e in runner.say(answer).effects if isinstance(e, (SetCount, RecordMovement))]
    return asked, effects


@pytest.mark.parametrize(
    ("language", "typed", "sku", "before", "after"),
    [
        ("fr", "j'ai perdu 3 pots de karité", "CREME-KARITE", 30, 27),
        ("fr", "2 flacons de parfum 212 se sont cassés", "PARF-212", 12, 10),
        ("fr", "4 pots de creme karite sont périmés", "CREME-KARITE", 30, 26),
        ("fr", "on m'a volé 1 parfum ard", "PARF-ARD", 10, 9),
        ("en", "2 pots of karite were stolen", "CREME-KARITE", 30, 28),
        ("en", "lost 5 karite", "CREME-KARITE", 30, 25),
        # Pidgin (the stock was shown, the figure lost)
        ("en", "2 pots karite spoil", "CREME-KARITE", 30, 28),
        ("en", "rats chop 3 karite", "CREME-KARITE", 30, 27),
    ],
)
def test_a_loss_is_a_count_below_the_stock(
    language: str, typed: str, sku: str, before: int, after: int
) -> None:
    runner = Runner(make_view(rows=BEAUTY, language=language))
    asked, effects = _counted(runner, typed, "oui" if language == "fr" else "yes")
    assert f"{before} → {after}" in asked, asked
    assert effects == [SetCount(((sku, after),), effects[0].key, note="perte")], effects  # type: ignore[attr-defined]


def test_a_loss_is_confirmed_first() -> None:
    runner = Runner(make_view(rows=BEAUTY))
    asked, effects = _counted(runner, "j'ai perdu 3 pots de karité", "non")
    assert "[Oui]" in asked and effects == [], asked


@pytest.mark.parametrize("typed", ["vendu 2 vernis casse", "stock vernis casse"])
def test_a_name_word_or_a_sale_is_no_loss(typed: str) -> None:
    runner = Runner(make_view(rows=BEAUTY))
    out = texts(runner.say(typed))
    assert "→" not in out, out


@pytest.mark.parametrize(
    ("language", "typed", "yes", "asked", "done"),
    [
        ("fr", "j'ai perdu 3 pots de karité", "oui", "la perte de 3 pots", "Perte enregistrée"),
        ("fr", "4 pots de creme karite sont perimes", "ok", "la perte de 4 pots", "Perte"),
        ("en", "3 pots of karite were stolen", "yes", "the loss of 3 jars", "Loss recorded"),
    ],
)
def test_a_loss_is_said_as_a_loss(
    language: str, typed: str, yes: str, asked: str, done: str
) -> None:
    """The confirmation and the result say a loss (it said "Enregistrer l'inventaire ?"); what is
    recorded is still the count below the stock."""
    runner = Runner(make_view(rows=BEAUTY, language=language))
    question = texts(runner.say(typed))
    assert asked in question and "inventaire" not in question.lower(), question
    assert "count" not in question.lower(), question
    effects = runner.say(yes).effects
    counted = 30 - int(asked.split()[-2])
    assert [e for e in effects if isinstance(e, SetCount)][0].lines == (("CREME-KARITE", counted),)
    result = texts(runner.feed(CountRecorded((("CREME-KARITE", 30, counted),))))
    assert done in result and "nventaire" not in result, result


def test_a_loss_declined_says_so() -> None:
    runner = Runner(make_view(rows=BEAUTY))
    runner.say("on m'a volé 1 parfum ard")
    assert "perte non enregistrée" in texts(runner.say("non"))


@pytest.mark.parametrize(("fix", "after"), [("non c'est 5", 25), ("plutôt 4 pots", 26)])
def test_a_loss_corrected_is_the_quantity_lost(fix: str, after: int) -> None:
    """`non c'est 5` under "Enregistrer la perte de 3 pots … ?": 5 lost, not a count of 5."""
    runner = Runner(make_view(rows=BEAUTY))
    runner.say("j'ai perdu 3 pots de karité")
    asked = texts(runner.say(fix))
    assert f"30 → {after}" in asked, asked
    effects = [e for e in runner.say("oui").effects if isinstance(e, SetCount)]
    assert effects[0].lines == (("CREME-KARITE", after),), effects


@pytest.mark.parametrize(
    ("language", "fix", "yes", "said"),
    [
        ("fr", "non c'est 40", "oui", "n'est que de 30 pots"),
        ("fr", "en fait 31 pots", "oui", "n'est que de 30 pots"),
        ("en", "no, 40", "yes", "only 30 jars"),
    ],
)
def test_a_loss_corrected_above_the_stock_is_no_count(
    language: str, fix: str, yes: str, said: str
) -> None:
    """`non c'est 40` under the loss of 3 of 30 pots: more than the stock cannot be lost, so the
    stock is said and the same loss offered again; it became a count of 40 (+10)."""
    runner = Runner(make_view(rows=BEAUTY, language=language))
    runner.say("j'ai perdu 3 pots de karité" if language == "fr" else "lost 3 karite")
    asked = texts(runner.say(fix))
    assert said in asked and "30 → 27" in asked and "+10" not in asked, asked
    effects = [e for e in runner.say(yes).effects if isinstance(e, SetCount)]
    assert effects[0].lines == (("CREME-KARITE", 27),), effects


def test_a_count_is_still_said_as_a_count() -> None:
    runner = Runner(make_view(rows=BEAUTY))
    asked = texts(runner.say("inventaire karité 27"))
    assert "inventaire" in asked.lower() and "perte" not in asked, asked


@pytest.mark.parametrize(
    ("typed", "sku", "after"),
    [("2 pots de karité abîmés", "CREME-KARITE", 28), ("3 parfums ard cassés", "PARF-ARD", 7)],
)
def test_a_broken_word_in_the_plural_is_a_loss(typed: str, sku: str, after: int) -> None:
    """`3 bouteilles cassées`: broken goods without `se sont`, `ont été` (it was a stock
    question, or another product: `cassé` reads as the rice's `brisé`)."""
    runner = Runner(make_view(rows=BEAUTY))
    asked, effects = _counted(runner, typed)
    assert "perte" in asked, asked
    assert [e.lines for e in effects if isinstance(e, SetCount)] == [((sku, after),)]


def test_a_loss_of_a_unit_asks_which_product() -> None:
    """`3 flacons cassés`: which of the products counted in flacons, then its loss."""
    runner = Runner(make_view(rows=BEAUTY))
    assert "Quel produit ?" in texts(runner.say("3 flacons cassés"))
    asked, effects = _counted(runner, "parfum ard")
    assert "perte de 3 flacons" in asked and "10 → 7" in asked, asked
    assert [e.lines for e in effects if isinstance(e, SetCount)] == [(("PARF-ARD", 7),)]


@pytest.mark.parametrize("typed", ["inventaire vernis cassés 12", "2 flacons de vernis cassé"])
def test_a_count_or_a_name_word_in_the_singular_is_no_loss(typed: str) -> None:
    runner = Runner(make_view(rows=BEAUTY))
    assert "perte" not in texts(runner.say(typed))


def test_a_loss_dropped_by_a_new_command_is_named_as_a_loss() -> None:
    """It said « L'inventaire de 27 pots … est annulé »: the count left, not the 3 lost."""
    runner = Runner(make_view(rows=BEAUTY))
    runner.say("j'ai perdu 3 pots de karité")
    out = texts(runner.say("vendu 2 parfum ard"))
    assert "La perte de 3 pots de Crème karité 250ml est annulée" in out, out


@pytest.mark.parametrize(
    ("language", "typed", "asked", "amount", "after"),
    [
        (
            "fr",
            "j'ai perdu 3 pots de karité",
            "Crème karité 250ml : perte de combien de pots ?",
            "5",
            25,
        ),
        ("fr", "2 pots de karité abîmés", "perte de combien de pots ?", "4 pots", 26),
        ("fr", "on m'a volé 1 parfum ard", "perte de combien de flacons ?", "deux", 8),
        ("en", "3 pots of karite were stolen", "Crème karité 250ml: how many jars lost?", "5", 25),
        ("wo", "3 pot karite yàqu na", "ñaata pot nga ñàkk ?", "5", 25),
    ],
)
def test_a_loss_changed_asks_how_many_were_lost(
    language: str, typed: str, asked: str, amount: str, after: int
) -> None:
    """[Modifier] under "Enregistrer la perte de 3 pots … ?" asked « combien de pots au
    comptage ? », and the amount lost typed was taken for the count."""
    runner = Runner(make_view(rows=BEAUTY, language=language))
    runner.say(typed)
    question = texts(runner.feed(ChoiceIn(runner.choice("edit"))))
    assert asked in question and "compt" not in question, question
    offer = texts(runner.say(amount))
    sku = "PARF-ARD" if "parfum" in typed else "CREME-KARITE"
    before = 10 if sku == "PARF-ARD" else 30
    assert f"{before} → {after}" in offer, offer
    effects = runner.feed(ChoiceIn(runner.choice("yes"))).effects
    assert [e.lines for e in effects if isinstance(e, SetCount)] == [((sku, after),)]


def test_a_loss_changed_to_more_than_the_stock_is_asked_again() -> None:
    runner = Runner(make_view(rows=BEAUTY))
    runner.say("on m'a volé 1 parfum ard")
    runner.feed(ChoiceIn(runner.choice("edit")))
    out = texts(runner.say("12"))
    assert "n'est que de 10 flacons" in out and out.endswith("perte de combien de flacons ?"), out


def test_a_loss_above_the_stock_asks_how_many_were_lost() -> None:
    """`j'ai perdu 40 pots` of 30: said to be more than the stock, not « tapez le nombre
    compté en tout »."""
    runner = Runner(make_view(rows=BEAUTY))
    out = texts(runner.say("j'ai perdu 40 pots de karité"))
    assert "n'est que de 30 pots" in out and "perte de combien de pots ?" in out, out
    assert "30 → 26" in texts(runner.say("4"))


@pytest.mark.parametrize(
    ("first", "dropped"),
    [
        ("j'ai perdu 3 pots de karité", "La perte de 3 pots de Crème karité 250ml est annulée"),
        ("vendu 2 pots de karité", "La vente de 2 pots de Crème karité 250ml est annulée"),
    ],
)
def test_a_loss_of_another_product_while_a_question_waits_replaces_it(
    first: str, dropped: str
) -> None:
    """`2 flacons de parfum ard cassés` while the karité waited was read as its correction
    (« C'est noté : 2 flacons pour … », then the count of 2 taken for the loss)."""
    runner = Runner(make_view(rows=BEAUTY))
    runner.say(first)
    out = texts(runner.say("2 flacons de parfum ard cassés"))
    assert dropped in out and "10 → 8" in out, out


def test_a_loss_dropped_while_its_amount_is_asked_is_named_as_a_loss() -> None:
    runner = Runner(make_view(rows=BEAUTY))
    runner.say("j'ai perdu 40 pots de karité")
    out = texts(runner.say("vendu 2 parfum ard"))
    assert "La perte de Crème karité 250ml est annulée" in out, out


@pytest.mark.parametrize("typed", ["0", "rien"])
def test_nothing_lost_after_all_records_nothing(typed: str) -> None:
    """`0` at « perte de combien de pots ? » offered a count at the stock (« 30 → 30 (±0) »)."""
    runner = Runner(make_view(rows=BEAUTY))
    runner.say("j'ai perdu 3 pots de karité")
    runner.feed(ChoiceIn(runner.choice("edit")))
    out = runner.say(typed)
    assert "perte non enregistrée" in texts(out) and not out.effects, texts(out)


@pytest.mark.parametrize(
    "typed",
    [
        "un client m'a rendu 3 sacs de riz pcq ils étaient mouillés",
        "la cliente a ramené 2 cartons de savon abîmés",
        "customer returned 3 bags of sugar, they were damaged",
    ],
)
def test_goods_a_customer_brought_back_damaged_are_a_return(typed: str) -> None:
    """Why the customer brought them back (`abîmés`, `cassés`) is no loss of the shop's: the
    return word says what moves (it was read as a loss, the story's words left for the
    product: « Je ne trouve pas « un client rendu … » »)."""
    runner = Runner(make_view(language="en" if "customer" in typed else "fr"))
    out = texts(runner.say(typed))
    assert "→" not in out and ("retour client" in out or "customer return" in out), out


@pytest.mark.parametrize(
    ("language", "typed", "sku", "before", "after"),
    [
        ("fr", "j'ai fait tomber 2 bouteilles d'huile 1l", "HUILE-1L", 60, 58),
        ("fr", "les rats ont mangé 2 sacs de riz", "RIZ", 42, 40),
        ("fr", "3 cartons de savon sont tombés du camion", "SAVON", 15, 12),
        ("en", "the rats chopped 2 bags of sugar", "SUCRE", 12, 10),
        ("en", "i dropped 4 bottles of oil 1l", "HUILE-1L", 60, 56),
        ("fr", "les souris ont percé 3 sacs de riz", "RIZ", 42, 39),
        ("fr", "les rats ont rongé 2 sacs de sucre", "SUCRE", 12, 10),
        ("fr", "2 sacs de sucre ont fondu", "SUCRE", 12, 10),
    ],
)
def test_goods_dropped_or_eaten_are_lost(
    language: str, typed: str, sku: str, before: int, after: int
) -> None:
    """Dropped, fallen, eaten by rats: lost (they were a stock question, or not understood)."""
    runner = Runner(make_view(language=language))
    asked, effects = _counted(runner, typed, "oui" if language == "fr" else "yes")
    assert f"{before} → {after}" in asked, asked
    assert effects == [SetCount(((sku, after),), effects[0].key, note="perte")], effects  # type: ignore[attr-defined]


# A poultry farm shop: chicks counted by the head, a product named after death (rat poison).
FARM: list[Row] = [
    (
        "POUSSIN",
        "Poussins chair Cobb",
        ["poussin", "poussins", "chick", "chicks"],
        "tête",
        300,
        50,
        200,
    ),
    ("PONDEUSE", "Poules pondeuses", ["poule", "poules", "hen", "hens"], "tête", 40, 10, 20),
    ("RATICIDE", "Mort aux rats 100g", ["mort aux rats"], "sachet", 25, 5, 20),
]


@pytest.mark.parametrize(
    ("language", "typed", "sku", "before", "after"),
    [
        ("fr", "20 poussins sont morts", "POUSSIN", 300, 280),
        ("fr", "3 poules ont crevé", "PONDEUSE", 40, 37),
        ("fr", "on a eu 12 poussins morts cette nuit", "POUSSIN", 300, 288),
        ("en", "2 hens died", "PONDEUSE", 40, 38),
        ("en", "15 chicks are dead", "POUSSIN", 300, 285),
        ("wo", "10 poussin dee nañu", "POUSSIN", 300, 290),
    ],
)
def test_animals_that_died_are_a_loss(
    language: str, typed: str, sku: str, before: int, after: int
) -> None:
    """Livestock that died left the stock: it was « Je n'ai pas compris »."""
    runner = Runner(make_view(rows=FARM, language=language))
    yes = {"fr": "oui", "en": "yes", "wo": "waaw"}[language]
    asked, effects = _counted(runner, typed, yes)
    assert f"{before} → {after}" in asked, asked
    assert effects == [SetCount(((sku, after),), effects[0].key, note="perte")], effects  # type: ignore[attr-defined]


@pytest.mark.parametrize("typed", ["stock mort aux rats", "vendu 2 mort aux rats"])
def test_a_name_about_death_is_no_loss(typed: str) -> None:
    runner = Runner(make_view(rows=FARM))
    out = texts(runner.say(typed))
    assert "→" not in out and "perte" not in out.lower(), out
