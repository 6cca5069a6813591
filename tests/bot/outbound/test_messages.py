"""Message builders refuse what WhatsApp would refuse, before anything is queued, in French."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.errors import ValidationError
from bot.outbound.messages import (
    Button,
    Buttons,
    ListMessage,
    ListRow,
    MarkRead,
    Reaction,
    Template,
    Text,
    from_payload,
    kind_of,
    to_payload,
)

ROW = ListRow("r1", "Riz")
YES = Button("oui", "Oui")


def buttons(n: int) -> tuple[Button, ...]:
    return tuple(Button(f"b{i}", f"Choix {i}") for i in range(n))


def rows(n: int) -> tuple[ListRow, ...]:
    return tuple(ListRow(f"r{i}", f"Produit {i}") for i in range(n))


# (what, build with a value of length n, the limit): n = limit passes, n = limit + 1 fails.
LIMITS: list[tuple[str, Callable[[int], Any], int]] = [
    ("text body", lambda n: Text("a" * n), 4096),
    ("button title", lambda n: Button("id", "a" * n), 20),
    ("button id", lambda n: Button("a" * n, "Oui"), 256),
    ("buttons body", lambda n: Buttons("a" * n, (YES,)), 1024),
    ("buttons header", lambda n: Buttons("Corps", (YES,), header="a" * n), 60),
    ("buttons footer", lambda n: Buttons("Corps", (YES,), footer="a" * n), 60),
    ("number of buttons", lambda n: Buttons("Corps", buttons(n)), 3),
    ("list body", lambda n: ListMessage("a" * n, "Voir", (ROW,)), 1024),
    ("list button", lambda n: ListMessage("Corps", "a" * n, (ROW,)), 20),
    ("number of rows", lambda n: ListMessage("Corps", "Voir", rows(n)), 10),
    ("row title", lambda n: ListRow("r", "a" * n), 24),
    ("row id", lambda n: ListRow("a" * n, "Riz"), 200),
    ("row description", lambda n: ListRow("r", "Riz", "a" * n), 72),
    ("section title", lambda n: ListMessage("Corps", "Voir", (ROW,), section_title="a" * n), 24),
    ("template name", lambda n: Template("a" * n, "fr"), 512),
    ("template buttons", lambda n: Template("alerte", "fr", (), ("p",) * n), 10),
    ("button payload", lambda n: Template("alerte", "fr", (), ("a" * n,)), 256),
    ("message id", lambda n: MarkRead("a" * n), 256),
]


@pytest.mark.parametrize(("what", "build", "limit"), LIMITS, ids=[item[0] for item in LIMITS])
def test_each_limit_holds_exactly(what: str, build: Callable[[int], Any], limit: int) -> None:
    build(limit)
    with pytest.raises(ValidationError) as refused:
        build(limit + 1)
    assert str(limit) in str(refused.value)


def test_lengths_count_utf16_units() -> None:
    Button("id", "a" * 18 + "👍")  # 20 units
    with pytest.raises(ValidationError, match="21 caractères, la limite est 20"):
        Button("id", "a" * 19 + "👍")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Text("   "),
        lambda: Button("id", " "),
        lambda: Button("id", " Oui"),
        lambda: Buttons("Corps", ()),
        lambda: Buttons("Corps", (Button("x", "Oui"), Button("x", "Non"))),
        lambda: Buttons("Corps", (Button("a", "Oui"), Button("b", "Oui"))),
        lambda: ListMessage("Corps", "Voir", ()),
        lambda: ListMessage("Corps", "Voir", (ListRow("x", "Riz"), ListRow("x", "Mil"))),
        lambda: Reaction("wamid.1", "👍" * 9),
    ],
    ids=[
        "blank text",
        "blank title",
        "edge spaces",
        "no button",
        "same ids",
        "same titles",
        "no row",
        "same row ids",
        "several emoji",
    ],
)
def test_shapes_whatsapp_refuses(build: Callable[[], Any]) -> None:
    with pytest.raises(ValidationError):
        build()


@pytest.mark.parametrize("name", ["Alerte", "alerte-stock", "alerte_é", "", "alerte stock"])
def test_template_names_are_ascii_lowercase_digits_and_underscores(name: str) -> None:
    with pytest.raises(ValidationError, match="nom de modèle"):
        Template(name, "fr")


@pytest.mark.parametrize(
    ("language", "ok"),
    [("fr", True), ("pt_BR", True), ("fil", True), ("", False), ("FR", False), ("fr-FR", False)],
)
def test_template_language_is_a_code(language: str, ok: bool) -> None:
    if ok:
        Template("alerte_rupture_stock", language)
    else:
        with pytest.raises(ValidationError, match="langue"):
            Template("alerte_rupture_stock", language)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("Riz    (3)", True),
        ("Riz     (3)", False),
        ("Riz\n(3)", False),
        ("Riz\t3", False),
        (" ", False),
    ],
)
def test_template_parameters(value: str, ok: bool) -> None:
    if ok:
        Template("alerte_rupture_stock", "fr", ("1", value))
    else:
        with pytest.raises(ValidationError, match="paramètre de modèle"):
            Template("alerte_rupture_stock", "fr", ("1", value))


def test_errors_are_in_french() -> None:
    with pytest.raises(ValidationError, match="le texte du message est vide"):
        Text(" ")
    with pytest.raises(ValidationError, match="4 boutons : WhatsApp en accepte de 1 à 3"):
        Buttons("Corps", buttons(4))


def test_payloads_round_trip() -> None:
    messages = [
        Text("Bonjour", preview_url=True),
        Buttons("Commander ?", buttons(2), header="Stock bas", footer="Boutique"),
        ListMessage("Lequel ?", "Voir", rows(3), section_title="Huiles"),
        Template("alerte_rupture_stock", "fr", ("1", "Riz (3)"), ("REORDER:1",)),
        MarkRead("wamid.1", typing_indicator=True),
        Reaction("wamid.1", "✅"),
    ]
    for message in messages:
        assert from_payload(kind_of(message), to_payload(message)) == message
