"""CSV imports are all or nothing, with the line number and reason of the first bad line."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from bot.db.models import Product, StockMovement, Store
from bot.errors import ImportFailed
from bot.products_import import apply_products, parse_products_csv

GOOD = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
RIZ,Riz brisé 50kg,riz|ceeb|rice,sac,40,10,20
HUILE-5L,Huile 5L,huile|diwlin,bidon,12,4,
"""


def test_good_file_creates_products_with_movements(session: Session) -> None:
    result = apply_products(session, "shop1", parse_products_csv(GOOD))
    session.commit()
    assert (result.created, result.updated) == (2, 0)
    riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    assert riz.aliases == ["riz", "ceeb", "rice"]
    assert (riz.quantity, riz.threshold, riz.reorder_quantity) == (40, 10, 20)
    huile = session.exec(select(Product).where(Product.sku == "HUILE-5L")).one()
    assert huile.reorder_quantity == 4  # defaults to the threshold when not given
    assert session.exec(select(func.sum(StockMovement.delta))).one() == 52
    assert session.exec(select(Store).where(Store.code == "shop1")).one()


def test_reimport_updates_existing_skus_and_records_the_difference(session: Session) -> None:
    apply_products(session, "shop1", parse_products_csv(GOOD))
    session.commit()
    updated = GOOD.replace("RIZ,Riz brisé 50kg,riz|ceeb|rice,sac,40", "RIZ,Riz brisé,riz,sac,35")
    result = apply_products(session, "shop1", parse_products_csv(updated))
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
        (",Sans sku,,sac,1,1", 3, "sku manquant"),
        ("SUCRE,Sucre,,sac,-1,1", 3, "quantity doit être >= 0"),
        ("SUCRE,Sucre,,sac,douze,1", 3, "quantity n'est pas un nombre entier"),
        ("SUCRE,Sucre,,sac,1.5,1", 3, "quantity n'est pas un nombre entier"),
        ("RIZ,Riz encore,,sac,1,1", 3, "sku en double"),
        ("SUCRE,Sucre,,sac,1,x", 3, "threshold"),
    ],
)
def test_a_bad_line_aborts_everything_with_its_line_number(
    session: Session, line: str, expected_line: int, reason: str
) -> None:
    text = "sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,5,1\n" + line + "\n"
    with pytest.raises(ImportFailed) as excinfo:
        parse_products_csv(text)
    assert excinfo.value.line == expected_line
    assert reason in str(excinfo.value)
    assert session.exec(select(func.count()).select_from(Product)).one() == 0


def test_missing_columns_are_named() -> None:
    with pytest.raises(ImportFailed, match="quantity, threshold"):
        parse_products_csv("sku,name,aliases,unit\nRIZ,Riz,,sac\n")


def test_blank_lines_and_bom_are_tolerated() -> None:
    rows = parse_products_csv("\ufeff" + GOOD + "\n\n")
    assert [r.sku for r in rows] == ["RIZ", "HUILE-5L"]
