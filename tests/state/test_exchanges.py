"""A customer's return and a sale in one message, and exchanges, as the machine decides them:
one draft, the goods brought back recorded with the sale (`RecordMovement.returned`)."""

from __future__ import annotations

from state import MovementRecorded, RecordMovement
from state.drafts import Draft, Line
from tests.state.conftest import Runner, make_view, texts


def _recorded(runner: Runner) -> RecordMovement:
    (effect,) = [e for e in runner.say("oui").effects if isinstance(e, RecordMovement)]
    return effect


def test_a_return_and_a_purchase_are_one_recording() -> None:
    runner = Runner(make_view())
    out = texts(runner.say("le client a rendu 2 savon et pris 3 riz"))
    assert out.startswith("Enregistrer le retour client de 2 cartons de Savon de Marseille et la")
    effect = _recorded(runner)
    assert (effect.kind, effect.lines, effect.returned) == ("sale", (("RIZ", 3),), (("SAVON", 2),))


def test_an_exchange() -> None:
    runner = Runner(make_view())
    texts(runner.say("échangé 1 huile 5l contre 1 huile 20l"))
    effect = _recorded(runner)
    assert (effect.lines, effect.returned) == ((("HUILE-20L", 1),), (("HUILE-5L", 1),))


def test_the_result_says_both() -> None:
    runner = Runner(make_view())
    runner.say("le client a rendu 2 savon et pris 3 riz")
    runner.say("oui")
    done = texts(runner.feed(MovementRecorded("sale", (("RIZ", 3, 39),), (("SAVON", 2, 17),))))
    assert done == (
        "✅ Retour client et vente enregistrés :\n"
        "• Rendu : 2 cartons de Savon de Marseille (stock 17 cartons)\n"
        "• Vendu : 3 sacs de Riz brisé 50kg (reste 39 sacs)"
    ), done


def test_a_sale_and_an_arrival_stay_one_at_a_time() -> None:
    runner = Runner(make_view())
    out = texts(runner.say("vendu 2 riz et reçu 10 sucre"))
    assert out.startswith("Une opération à la fois"), out


def test_a_returned_line_is_kept_in_the_context() -> None:
    draft = Draft("sale", (Line(sku="SAVON", quantity=2, returned=True), Line(sku="RIZ")))
    again = Draft.from_dict(draft.to_dict())
    assert again == draft and again is not None and again.wording == "exchange"
