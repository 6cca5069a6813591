"""Products named with a number or a size (`gaz 3`, `fer 6`, Limonade 33cl): the count typed
beside such a name is kept, and a size the only product found does not have is asked
about ("Vouliez-vous dire … ?") instead of recorded."""

from __future__ import annotations

import pytest

from tests.state.conftest import Row, Runner, make_view, texts

SHOP: list[Row] = [
    ("SABLE", "Sable de mer", ["sable"], "camion", 30, 5, 10),
    ("GAZ-3", "Butane 3kg", ["gaz 3", "gaz"], "bouteille", 40, 5, 10),
    ("GAZ-9", "Butane 9kg", ["gaz 9", "gaz"], "bouteille", 20, 5, 10),
    ("FER-6", "Fer rond 6mm", ["fer 6", "fer de 6", "fer"], "barre", 100, 20, 50),
    ("FER-14", "Fer rond 14mm", ["fer 14", "fer de 14", "fer"], "barre", 80, 20, 50),
    ("LIMO", "Limonade Cristal 33cl", ["limonade"], "pack", 50, 10, 20),
    ("CORDE", "Corde nylon 8mm", ["corde", "corde 8"], "rouleau", 12, 3, 6),
    ("JAVEL", "Eau de Javel Lacroix", ["javel"], "bidon", 25, 5, 10),
    ("PVC-100", "Tuyau PVC 100", ["pvc 100", "tuyau 100"], "barre", 40, 10, 20),
]


@pytest.fixture
def shop() -> Runner:
    return Runner(make_view(rows=SHOP))


def test_a_count_before_a_numbered_name_is_its_own(shop: Runner) -> None:
    out = texts(shop.say("recu 10 sable 5 gaz 3"))
    assert out.startswith("Enregistrer l'arrivage : 10 camions de Sable de mer, 5 bouteilles de"), (
        out
    )
    assert "Butane 3kg" in out


def test_the_count_after_a_numbered_name_goes_to_the_confirmation(shop: Runner) -> None:
    out = texts(shop.say("vendu fer 14 6"))
    assert out.startswith("Enregistrer la vente de 6 barres de Fer rond 14mm ?"), out


@pytest.mark.parametrize(
    ("typed", "guess"),
    [
        ("vendu 2 limonade 1.5", "Limonade Cristal 33cl"),
        ("vendu 2 limonade 1,5l", "Limonade Cristal 33cl"),
        ("vendu 3 corde 2.5", "Corde nylon 8mm"),
    ],
)
def test_a_size_the_only_product_lacks_is_asked(shop: Runner, typed: str, guess: str) -> None:
    out = texts(shop.say(typed))
    assert out.startswith("Vouliez-vous dire"), out
    assert guess in out


@pytest.mark.parametrize(
    ("typed", "confirmed"),
    [
        ("vendu 2 limonade", "2 packs de Limonade Cristal 33cl"),
        ("vendu 2 limonade 33cl", "2 packs de Limonade Cristal 33cl"),
        ("vendu 3 corde 8", "3 rouleaux de Corde nylon 8mm"),
        ("vendu 2 javel lacroix", "2 bidons d'Eau de Javel Lacroix"),
        # the name's bare number with a unit: that number is its size
        ("vendu 3 pvc 100mm", "3 barres de Tuyau PVC 100"),
        ("vendu 3 tuyau 100 mm", "3 barres de Tuyau PVC 100"),
    ],
)
def test_a_size_or_word_the_product_has_is_confirmed(
    shop: Runner, typed: str, confirmed: str
) -> None:
    assert texts(shop.say(typed)).startswith(f"Enregistrer la vente de {confirmed} ?")
