"""`answer_then`: the yes or no opening a message that goes on with a command of its own."""

from __future__ import annotations

import pytest

from intents.answers import answer_then, orders_all


@pytest.mark.parametrize(
    ("text", "said", "rest", "joined"),
    [
        ("oui et ajoute 10 sucre", "oui", "ajoute 10 sucre", True),
        ("ok, vendu 2 riz", "ok", "vendu 2 riz", False),
        ("ok merci et bilan", "ok merci", "bilan", True),
        ("d'accord puis stock riz", "d'accord", "stock riz", True),
        ("yes and sold 2 soap", "yes", "sold 2 soap", True),
        ("waaw te jaay naa 2 saabu", "waaw", "jaay naa 2 saabu", True),
        ("non et reçu 5 riz", "non", "reçu 5 riz", True),
        ("plus tard et vendu 2 savon", "plus tard", "vendu 2 savon", True),
        ("later and sold 2 soap", "later", "sold 2 soap", True),
        ("pas maintenant, puis stock riz", "pas maintenant", "stock riz", True),
        ("ci kanam te jaay naa 2 saabu", "ci kanam", "jaay naa 2 saabu", True),
        # the yes said with its order word (it was `oui`, then `commande et vendu…` unjoined)
        ("oui commande et vendu 3 riz", "oui commande", "vendu 3 riz", True),
        ("on commande tout et j'ai vendu 3 riz", "on commande tout", "j'ai vendu 3 riz", True),
        ("waaw komande ak jaay naa 2 saabu", "waaw komande", "jaay naa 2 saabu", True),
        ("oui commande 20 savon", "oui commande", "20 savon", False),
        ("oui le riz et 3 savon", "oui", "le riz et 3 savon", False),
    ],
)
def test_the_answer_and_what_follows(text: str, said: str, rest: str, joined: bool) -> None:
    found = answer_then(text)
    assert found is not None
    assert (found.answer, found.rest, found.joined) == (said, rest, joined)


@pytest.mark.parametrize(
    "text", ["oui", "oui merci", "vendu 2 riz", "ok et", "2 riz oui", "plus 2 riz et 3 savon"]
)
def test_no_answer_or_nothing_after(text: str) -> None:
    assert answer_then(text) is None


@pytest.mark.parametrize(
    ("text", "orders"),
    [
        ("oui commande", True),
        ("on commande tout", True),
        ("commandez-les", True),
        ("yes order them all", True),
        ("komande lepp", True),
        ("commande 20 riz", False),  # an order of its own
        ("non commande pas", False),
        ("plus tard on commande", False),
        ("oui", False),
        ("commander", False),  # the verb alone: which product, asked again
        ("order", False),
    ],
)
def test_a_yes_said_with_its_order_word(text: str, orders: bool) -> None:
    assert orders_all(text) is orders
