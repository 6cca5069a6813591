"""CSV imports are all or nothing, with the line number and reason of the first bad line."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from bot import products_import
from bot.db.engine import transaction
from bot.db.models import Product, StockMovement, Store
from bot.errors import ImportFailed, ValidationError
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings

GOOD = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
RIZ,Riz brisé 50kg,riz|ceeb|rice,sac,40,10,20
HUILE-5L,Huile 5L,huile|diwlin,bidon,12,4,
"""


def test_good_file_creates_products_with_movements(session: Session, settings: Settings) -> None:
    result = apply_products(session, "shop1", parse_products_csv(GOOD), settings=settings)
    session.commit()
    assert (result.created, result.updated) == (2, 0)
    riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    assert riz.aliases == ["riz", "ceeb", "rice"]
    assert (riz.quantity, riz.threshold, riz.reorder_quantity) == (40, 10, 20)
    huile = session.exec(select(Product).where(Product.sku == "HUILE-5L")).one()
    assert huile.reorder_quantity == 4  # defaults to the threshold when not given
    assert session.exec(select(func.sum(StockMovement.delta))).one() == 52
    assert session.exec(select(Store).where(Store.code == "shop1")).one()


def test_reimport_updates_existing_skus_and_records_the_difference(
    session: Session, settings: Settings
) -> None:
    apply_products(session, "shop1", parse_products_csv(GOOD), settings=settings)
    session.commit()
    updated = GOOD.replace("RIZ,Riz brisé 50kg,riz|ceeb|rice,sac,40", "RIZ,Riz brisé,riz,sac,35")
    result = apply_products(session, "shop1", parse_products_csv(updated), settings=settings)
    session.commit()
    assert (result.created, result.updated) == (0, 2)
    riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    assert (riz.name, riz.quantity, riz.aliases) == ("Riz brisé", 35, ["riz"])
    deltas = session.exec(
        select(StockMovement.delta).where(StockMovement.product_id == riz.id)
    ).all()
    assert sorted(deltas) == [-5, 40]


@pytest.mark.parametrize(
    ("line", "expected_line", "reason"),
    [
        (",Sans sku,,sac,1,1", 3, "ligne 3 : sku manquant"),
        ("SUCRE,Sucre,,sac,-1,1", 3, "quantity : -1 est négatif"),
        ("SUCRE,Sucre,,sac,douze,1", 3, "quantity : « douze » n'est pas un nombre"),
        ("SUCRE,Sucre,,sac,1.5,1", 3, "quantity : 1.5 n'est pas un nombre entier"),
        ("SUCRE,Sucre,,sac,1_000,1", 3, "quantity : « 1_000 » n'est pas un nombre"),
        ("SUCRE,Sucre,,sac,٣,1", 3, "quantity : « ٣ » n'est pas un nombre"),
        ("SUCRE,Sucre,,sac,99999999999,1", 3, "quantity : 99999999999 dépasse la limite"),
        ("SUCRE,Sucre,,sac," + "9" * 5000 + ",1", 3, "quantity : 9999"),
        (
            "SUCRE,Sucre,,sac,1,100001",
            3,
            "threshold : 100001 dépasse la limite : un nombre entier de 0 à 100 000",
        ),
        ("SUCRE,Sucre,,sac,1,1,0", 3, "reorder_quantity : 0 n'est pas permis"),
        ("RIZ,Riz encore,,sac,1,1", 3, "ligne 3 : sku en double : RIZ (déjà ligne 2)"),
        ("SUCRE,Sucre,,sac,1,x", 3, "threshold"),
        ("S" * 65 + ",Sucre,,sac,1,1", 3, "sku : trop long (64 caractères au plus)"),
        ("SUCRE," + "n" * 121 + ",,sac,1,1", 3, "name : trop long (120 caractères au plus)"),
        ("SUCRE,Sucre,," + "u" * 33 + ",1,1", 3, "unit : trop long (32 caractères au plus)"),
        (
            "SUCRE,Sucre," + "a" * 121 + ",sac,1,1",
            3,
            "aliases : trop long (120 caractères au plus)",
        ),
        ("SUCRE,Sucre," + "|".join("a" * 51) + ",sac,1,1", 3, "plus de 50 alias"),
        ("SUCRE,Su\x00cre,,sac,1,1", 3, "name : caractères de contrôle interdits"),
        ("SUCRE,Sucre,,sac\x1b,1,1", 3, "unit : caractères de contrôle interdits"),
    ],
)
def test_a_bad_line_aborts_everything_with_its_line_number(
    line: str, expected_line: int, reason: str
) -> None:
    text = (
        "sku,name,aliases,unit,quantity,threshold,reorder_quantity\nRIZ,Riz,riz,sac,5,1,\n"
        + line
        + "\n"
    )
    with pytest.raises(ImportFailed) as excinfo:
        parse_products_csv(text)
    assert excinfo.value.line == expected_line
    assert reason in str(excinfo.value)


def test_the_largest_numbers_are_accepted() -> None:
    [row] = parse_products_csv(
        "sku,name,aliases,unit,quantity,threshold,reorder_quantity\nA,A,,u,100000,100000,100000\n"
    )
    assert (row.quantity, row.threshold, row.reorder_quantity) == (100_000, 100_000, 100_000)


def test_a_semicolon_file_is_explained() -> None:
    french_excel = "sku;name;aliases;unit;quantity;threshold\nRIZ;Riz;riz;sac;5;1\n"
    with pytest.raises(ImportFailed) as excinfo:
        parse_products_csv(french_excel)
    assert str(excinfo.value) == (
        "ligne 1 : colonnes séparées par « ; » : enregistrez le fichier avec des virgules"
    )


def test_a_failure_half_way_writes_nothing(
    engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """apply_products writes in the caller's transaction: a failure on the second product (here
    a database error) leaves neither the store, nor the first product, nor its movement."""
    real = products_import.record_movement
    calls = count(1)

    def failing_on_the_second(*args: Any, **kwargs: Any) -> StockMovement:
        if next(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("disk full"))
        return real(*args, **kwargs)

    monkeypatch.setattr(products_import, "record_movement", failing_on_the_second)
    with pytest.raises(OperationalError), transaction(engine) as session:
        apply_products(session, "shop1", parse_products_csv(GOOD), settings=settings)
    with Session(engine) as session:
        for table in (Store, Product, StockMovement):
            assert session.exec(select(func.count()).select_from(table)).one() == 0


@pytest.mark.parametrize("code", ["", "x" * 33])
def test_a_store_code_that_does_not_fit_is_refused(
    session: Session, settings: Settings, code: str
) -> None:
    with pytest.raises(ValidationError, match="32 caractères au plus"):
        apply_products(session, code, parse_products_csv(GOOD), settings=settings)


def test_missing_columns_are_named() -> None:
    with pytest.raises(ImportFailed, match="quantity, threshold"):
        parse_products_csv("sku,name,aliases,unit\nRIZ,Riz,,sac\n")


def test_blank_lines_and_bom_are_tolerated() -> None:
    rows = parse_products_csv("\ufeff" + GOOD + "\n\n")
    assert [r.sku for r in rows] == ["RIZ", "HUILE-5L"]


def test_a_column_named_twice_is_refused() -> None:
    with pytest.raises(ImportFailed, match="ligne 1 : colonne en double : sku"):
        parse_products_csv("sku,name,aliases,unit,quantity,threshold,sku\nA,B,,sac,3,1,C\n")


def test_a_header_the_csv_reader_cannot_read_is_an_import_error() -> None:
    with pytest.raises(ImportFailed, match="CSV mal formé"):
        parse_products_csv('"' + "x" * 200_000 + '",name\n')
