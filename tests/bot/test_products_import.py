"""Catalogue imports with the files shop owners have: encodings, separators, Excel workbooks,
French or English headers; re-imports that never move stock silently; all or nothing."""

from __future__ import annotations

import io
from itertools import count
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from bot import products_import
from bot.catalog_file import derive_sku, export_rows, read_catalog
from bot.db.engine import transaction
from bot.db.models import (
    CatalogImport,
    ImportRow,
    MovementKind,
    MovementSource,
    Product,
    StockMovement,
    Store,
)
from bot.errors import ImportFailed, NotFound, ValidationError
from bot.products_import import apply_products, import_catalog, parse_products_csv
from bot.settings import Settings
from bot.spreadsheets import UnreadableFile, write_csv, write_xlsx
from bot.stock import record_movement

GOOD = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
RIZ,Riz brisé 50kg,riz|ceeb|rice,sac,40,10,20
HUILE-5L,Huile 5L,huile|diwlin,bidon,12,4,
"""
# What French Excel writes with "CSV (séparateur : point-virgule)": Windows-1252, `;`, a
# title line above the header, decimal commas, thousands with spaces, a column we do not use.
FRENCH_EXCEL = (
    "Inventaire du 12/11/2026;;;;\r\n"
    "Désignation;Qté;Seuil d'alerte;Unité;Prix (FCFA)\r\n"
    "Riz brisé 50kg;40;10;sac;18 500\r\n"
    "Thé vert;1 200;100;boîte;750\r\n"
    "Café Touba;7,0;5;sachet;100\r\n"
).encode("cp1252")


def _store(session: Session, code: str = "dk1") -> Store:
    store = Store(code=code, name=f"Boutique {code}")
    session.add(store)
    session.flush()
    return store


def _products(session: Session, store: Store) -> dict[str, tuple[str, int, int]]:
    session.expire_all()
    return {
        p.sku: (p.name, p.quantity, p.threshold)
        for p in session.exec(select(Product).where(Product.store_id == store.id))
    }


def test_a_french_excel_csv_is_read_as_it_is(session: Session, settings: Settings) -> None:
    catalog = read_catalog(FRENCH_EXCEL, "inventaire.csv")
    assert catalog.table is not None
    assert (catalog.table.encoding, catalog.table.delimiter) == ("Windows-1252 / Latin-1", ";")
    assert catalog.ignored == ("Prix (FCFA)",)
    assert "Windows-1252" in catalog.describe() and "point-virgule" in catalog.describe()
    assert [(r.sku, r.name, r.quantity, r.threshold, r.unit) for r in catalog.rows] == [
        ("RIZ-BRISE-50KG", "Riz brisé 50kg", 40, 10, "sac"),
        ("THE-VERT", "Thé vert", 1200, 100, "boîte"),
        ("CAFE-TOUBA", "Café Touba", 7, 5, "sachet"),
    ]
    store = _store(session)
    plan, result = import_catalog(session, "dk1", catalog, settings=settings)
    assert result is not None and (result.created, result.updated) == (3, 0)
    assert _products(session, store)["THE-VERT"] == ("Thé vert", 1200, 100)


@pytest.mark.parametrize(
    ("data", "encoding", "delimiter"),
    [
        ("\ufeffname,quantity\nCafé,3\n".encode(), "UTF-8 (avec BOM)", ","),
        ("Nom\tQuantité\nCafé\t3\n".encode(), "UTF-8", "\t"),
        ("Produit\tStock\r\nCafé\t3\r\n".encode("utf-16"), "UTF-16", "\t"),
        ("NOM;QTE\nCafé €;3\n".encode("cp1252"), "Windows-1252", ";"),
        ("nom;qte\nCaf\xe9\x81;3\n".encode("latin-1"), "Latin-1 (ISO-8859-1)", ";"),
    ],
)
def test_encodings_and_separators_are_detected(data: bytes, encoding: str, delimiter: str) -> None:
    table = read_catalog(data) if "\x81" not in data.decode("latin-1") else None
    if table is None:  # Latin-1 with a C1 control: detected, then the control is refused
        with pytest.raises(ImportFailed, match="caractères de contrôle"):
            read_catalog(data)
        return
    assert table.table is not None
    assert (table.table.encoding, table.table.delimiter) == (encoding, delimiter)
    assert table.rows[0].name.startswith("Café") and table.rows[0].quantity == 3


@pytest.mark.parametrize(
    "header",
    [
        "SKU,Name,Aliases,Unit,Quantity,Threshold,Reorder quantity",
        "Réf,Nom,Synonymes,Unité,Quantité,Seuil,Réappro",
        "REFERENCE,DESIGNATION,ALIAS,UNITE,QTE,ALERTE,COMMANDE",
        "code,produit,alias,unit,stock,minimum,reorder",
        "Référence article,Libellé,Mots clés,Conditionnement,Qté (sacs),Stock min,Qté à commander",
    ],
)
def test_headers_in_french_or_english_any_case_or_accents(header: str) -> None:
    [row] = read_catalog(f"{header}\nR1,Riz,ceeb|riz,sac,5,2,20\n".encode()).rows
    assert (row.sku, row.name, row.aliases, row.unit) == ("R1", "Riz", ("ceeb", "riz"), "sac")
    assert (row.quantity, row.threshold, row.reorder_quantity) == (5, 2, 20)


def _xlsx(sheets: dict[str, list[list[Any]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_workbook_first_sheet_or_the_one_named() -> None:
    data = _xlsx(
        {
            "Boutique": [["Stock au 12/11"], [], ["Désignation", "Qté", "Seuil"], ["Riz", 40, 10]],
            "Dépôt": [["Nom", "Quantité"], ["Gaz 12kg", 3.0], ["Savon", None]],
        }
    )
    first = read_catalog(data, "stock.xlsx")
    assert [(r.name, r.quantity, r.line) for r in first.rows] == [("Riz", 40, 4)]
    depot = read_catalog(data, "stock.xlsx", sheet="dépôt")
    assert [(r.name, r.quantity) for r in depot.rows] == [("Gaz 12kg", 3), ("Savon", None)]
    assert read_catalog(data, sheet="2").rows == depot.rows
    with pytest.raises(UnreadableFile, match="« Boutique », « Dépôt »"):
        read_catalog(data, sheet="Magasin")
    for odd in ("²", "①", "0", "3"):  # digits int() cannot read, or no such sheet
        with pytest.raises(UnreadableFile, match="« Boutique », « Dépôt »"):
            read_catalog(data, sheet=odd)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "vide"),
        ("Nom;Quantité\n;\n".encode(), "aucun produit sous l'en-tête : mettez un produit par"),
        (b"%PDF-1.4\n%\xe2\xe3", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"PK\x03\x04 not really a workbook", "pas un classeur .xlsx lisible"),
        (bytes(range(256)) * 20, "ni un CSV ni un classeur"),
    ],
)
def test_a_wrong_file_says_what_to_do(data: bytes, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):  # UnreadableFile, or ImportFailed
        read_catalog(data)


_ODS = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        # a CSV renamed .xlsx (or the .xls a website exports as tab-separated text)
        (GOOD.encode(), "stock.xlsx", "n'est pas un vrai classeur Excel"),
        (b"Nom\tQuantit\xe9\nRiz\t4\n", "export.XLS", "n'est pas un vrai classeur Excel"),
        (b"\xef\xbb\xbf<!DOCTYPE html><table><tr><td>Nom</td></tr></table>", "export.xls", "HTML"),
        (b"<table><tr><td>Nom</td></tr></table>", "export.csv", "HTML"),
        (_ODS, "stock.ods", "LibreOffice"),
        (b"PK\x03\x04 an .ods a tool wrote without its mimetype first", "stock.ods", "LibreOffice"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_with_what_to_do(
    data: bytes, filename: str, reason: str
) -> None:
    with pytest.raises(UnreadableFile, match=reason) as refused:
        read_catalog(data, filename)
    assert "enregistre" in str(refused.value).casefold()  # what to do: save it as…


def test_errors_name_line_column_and_value_all_at_once() -> None:
    lines = ["Nom;Quantité;Seuil"] + [f"Produit {i};-{i};x" for i in range(1, 16)]
    with pytest.raises(ImportFailed) as excinfo:
        read_catalog("\n".join(lines).encode())
    problems = excinfo.value.problems
    assert len(problems) == 30
    assert problems[0].describe() == (
        "ligne 2, colonne « Quantité » : -1 est négatif : "
        "un nombre entier de 0 à 100 000 est attendu"
    )
    assert problems[1].describe().startswith("ligne 2, colonne « Seuil » : « x » n'est pas")
    message = str(excinfo.value).splitlines()
    assert len(message) == 21 and message[-1] == "… et 10 autre(s) erreur(s)"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Riz;2,5;1", "2,5 n'est pas un nombre entier"),
        ("Riz;12 sacs;1", "écrivez le nombre seul, sans l'unité"),
        ("Riz;1.500;1", "1.500 est ambigu"),
        ("Riz;3;100001", "100001 dépasse la limite"),
        (";3;1", "nom manquant"),
        ("Riz\x00;3;1", "caractères de contrôle interdits"),
        ("R" * 121 + ";3;1", "trop long (120 caractères au plus)"),
        ("Riz;3;1\nriz;4;1", "nom en double (déjà ligne 2)"),
    ],
)
def test_each_bad_cell_is_explained(line: str, reason: str) -> None:
    with pytest.raises(ImportFailed) as excinfo:
        read_catalog(f"Nom;Quantité;Seuil\n{line}\n".encode())
    assert reason in str(excinfo.value)


def test_missing_name_column_and_doubled_columns_are_explained() -> None:
    with pytest.raises(ImportFailed, match="colonne du nom introuvable .*« Prix »"):
        read_catalog(b"Prix;Quantite\n3;4\n")
    with pytest.raises(ImportFailed, match="« Nom » et « Désignation »"):
        read_catalog("Nom;Désignation;Qté\nA;B;1\n".encode())


def test_derived_skus_are_stable() -> None:
    assert derive_sku("Riz brisé 50 kg") == "RIZ-BRISE-50-KG"
    assert derive_sku("  Huile (5 L) ") == "HUILE-5-L"
    assert derive_sku("!!!") == "PRODUIT"


def test_a_reimport_after_sales_keeps_the_stock_and_set_stock_counts(
    session: Session, settings: Settings
) -> None:
    store = _store(session)
    import_catalog(session, "dk1", read_catalog(FRENCH_EXCEL), settings=settings)
    riz = session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50KG")).one()
    record_movement(session, riz, -6, MovementKind.SALE, MovementSource.WHATSAPP, settings=settings)
    again = FRENCH_EXCEL.replace(b";10;sac", b";12;sac")  # threshold 10 -> 12
    plan, result = import_catalog(session, "dk1", read_catalog(again), settings=settings)
    assert result is not None
    assert (result.created, result.updated, result.adjusted, plan.quantities_kept) == (0, 1, 0, 1)
    assert _products(session, store)["RIZ-BRISE-50KG"] == ("Riz brisé 50kg", 34, 12)

    dry, nothing = import_catalog(
        session, "dk1", read_catalog(again), settings=settings, set_stock=True, dry_run=True
    )
    assert nothing is None
    assert [(p.row.sku, p.quantity_before, p.quantity) for p in dry.counted] == [
        ("RIZ-BRISE-50KG", 34, 40)
    ]
    assert _products(session, store)["RIZ-BRISE-50KG"][1] == 34  # a dry run writes nothing

    _plan, counted = import_catalog(
        session, "dk1", read_catalog(again), settings=settings, set_stock=True
    )
    assert counted is not None and counted.adjusted == 1
    [adjustment] = session.exec(
        select(StockMovement).where(StockMovement.kind == MovementKind.ADJUSTMENT)
    ).all()
    assert (adjustment.delta, adjustment.quantity_after, adjustment.source) == (6, 40, "import")
    total = session.exec(
        select(func.sum(StockMovement.delta)).where(StockMovement.product_id == riz.id)
    ).one()
    assert total == _products(session, store)["RIZ-BRISE-50KG"][1] == 40


def test_a_count_is_computed_against_the_stock_at_the_time_of_writing(
    session: Session, settings: Settings
) -> None:
    """A sale recorded between the plan and its application is not lost: the adjustment is
    the difference with the stock when the count is written."""
    store = _store(session)
    apply_products(session, "dk1", parse_products_csv(GOOD), settings=settings)
    plan = products_import.plan_import(
        session, store, read_catalog(b"sku,name,quantity\nRIZ,Riz,30\n").rows, set_stock=True
    )
    riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    record_movement(session, riz, -4, MovementKind.SALE, MovementSource.WHATSAPP, settings=settings)
    products_import.apply_import(session, plan, settings=settings)
    deltas = session.exec(
        select(StockMovement.delta)
        .where(StockMovement.product_id == riz.id)
        .order_by(col(StockMovement.id))
    ).all()
    assert deltas == [40, -4, -6]
    assert _products(session, store)["RIZ"][1] == 30


def test_the_store_must_exist_unless_created(session: Session, settings: Settings) -> None:
    _store(session, "demo")
    with pytest.raises(NotFound, match="magasin inconnu : dmeo .*demo"):
        import_catalog(session, "dmeo", read_catalog(FRENCH_EXCEL), settings=settings)
    assert session.exec(select(Store).where(Store.code == "dmeo")).first() is None
    import_catalog(
        session, "thies", read_catalog(FRENCH_EXCEL), settings=settings, create_store="Thiès"
    )
    assert session.exec(select(Store.name).where(Store.code == "thies")).one() == "Thiès"


def test_a_new_quantity_above_what_anyone_states_is_refused(
    session: Session, settings: Settings
) -> None:
    _store(session)
    with pytest.raises(ImportFailed, match="ligne 2.*500000 dépasse la limite"):
        import_catalog(session, "dk1", read_catalog(b"nom,qte\nRiz,500000\n"), settings=settings)


def test_a_failure_half_way_writes_nothing(
    engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import writes in the caller's transaction: a database error after the products
    were inserted leaves neither the store, nor the products, nor their movements."""
    real = products_import._check_alerts
    calls = count(1)

    def failing(*args: Any, **kwargs: Any) -> None:
        if next(calls) == 1:
            raise OperationalError("INSERT", {}, Exception("disk full"))
        real(*args, **kwargs)

    monkeypatch.setattr(products_import, "_check_alerts", failing)
    with pytest.raises(OperationalError), transaction(engine) as session:
        import_catalog(
            session, "new", read_catalog(FRENCH_EXCEL), settings=settings, create_store="New"
        )
    with Session(engine) as session:
        for table in (Store, Product, StockMovement):
            assert session.exec(select(func.count()).select_from(table)).one() == 0


def test_an_export_imports_back_unchanged_and_formulas_are_neutralised(
    session: Session, settings: Settings
) -> None:
    store = _store(session)
    typed = (
        "sku,name,aliases,unit,quantity,threshold\n"
        'F1,=HYPERLINK("http://x"),+33|@riz|-moins,sac,5,1\n'
        "R2,Riz brisé,ceeb,sac,0,3\n"
    )
    import_catalog(session, "dk1", read_catalog(typed.encode()), settings=settings)
    f1 = session.exec(select(Product).where(Product.sku == "F1")).one()
    assert (f1.name, f1.aliases) == ('=HYPERLINK("http://x")', ["+33", "@riz", "-moins"])

    products = list(session.exec(select(Product).where(Product.store_id == store.id)))
    header, rows = export_rows(products)
    as_csv = write_csv(header, rows)
    assert b"'=HYPERLINK" in as_csv and b"'+33|@riz|-moins" in as_csv
    as_xlsx = write_xlsx(header, rows, title="dk1")
    cell = load_workbook(io.BytesIO(as_xlsx))["dk1"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://x")', "s", True)

    for data in (as_csv, as_xlsx):
        for set_stock in (False, True):
            plan, _ = import_catalog(
                session,
                "dk1",
                read_catalog(data),
                settings=settings,
                set_stock=set_stock,
                dry_run=True,
            )
            assert (plan.created, plan.updated, plan.counted, plan.unchanged) == ([], [], [], 2)


def test_apply_products_seeds_a_store_with_its_quantities(
    session: Session, settings: Settings
) -> None:
    result = apply_products(session, "shop1", parse_products_csv(GOOD), settings=settings)
    assert (result.created, result.updated) == (2, 0)
    riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    assert riz.aliases == ["riz", "ceeb", "rice"]
    assert (riz.quantity, riz.threshold, riz.reorder_quantity) == (40, 10, 20)
    huile = session.exec(select(Product).where(Product.sku == "HUILE-5L")).one()
    assert huile.reorder_quantity == 4  # defaults to the threshold when not given
    assert session.exec(select(func.sum(StockMovement.delta))).one() == 52


def _catalog(count: int, quantity: int = 5) -> str:
    return "Réf;Nom;Quantité;Seuil\n" + "".join(
        f"P{i:04d};Produit {i};{quantity};2\n" for i in range(count)
    )


def test_a_staged_import_applies_all_at_once_and_reports_its_progress(
    engine: Engine, settings: Settings
) -> None:
    with transaction(engine) as session:
        _store(session)
    plan, result, job = products_import.run_import(
        engine, "dk1", read_catalog(_catalog(25).encode()), settings=settings, batch=10
    )
    assert (result.created, len(plan.created)) == (25, 25)
    with Session(engine) as session:
        done = session.get(CatalogImport, job)
        assert done is not None
        assert (done.status, done.total_rows, done.staged_rows, done.created) == (
            "done",
            25,
            25,
            25,
        )
        assert session.exec(select(func.count()).select_from(ImportRow)).one() == 0
        assert session.exec(select(func.sum(StockMovement.delta))).one() == 125
    # Stock counted while a sale happens between the plan and the swap: the sale is kept in
    # the ledger and the count wins, by one adjustment per product.
    counted = read_catalog(_catalog(25, quantity=9).encode())
    real_swap = products_import._swap

    def sell_then_swap(*args: Any, **kwargs: Any) -> products_import.ImportResult:
        with transaction(engine) as session:  # staged, not applied yet: a sale comes in
            product = session.exec(select(Product).where(Product.sku == "P0003")).one()
            record_movement(
                session, product, -4, MovementKind.SALE, MovementSource.API, settings=settings
            )
        return real_swap(*args, **kwargs)

    products_import._swap = sell_then_swap  # type: ignore[assignment]
    try:
        _plan, again, _job = products_import.run_import(
            engine, "dk1", counted, settings=settings, set_stock=True, batch=10
        )
    finally:
        products_import._swap = real_swap  # type: ignore[assignment]
    assert again.adjusted == 25
    with Session(engine) as session:
        p3 = session.exec(select(Product).where(Product.sku == "P0003")).one()
        deltas = session.exec(
            select(StockMovement.delta)
            .where(StockMovement.product_id == p3.id)
            .order_by(col(StockMovement.id))
        ).all()
        assert (p3.quantity, deltas) == (9, [5, -4, 8])


def test_a_staged_import_that_fails_leaves_nothing(
    engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(products_import, "_count", broken)  # inside the swap
    with pytest.raises(OperationalError):
        products_import.run_import(
            engine,
            "new",
            read_catalog(_catalog(30).encode()),
            settings=settings,
            create_store="Nouvelle",
            batch=7,
        )
    with Session(engine) as session:
        for table in (Store, Product, StockMovement, ImportRow):
            assert session.exec(select(func.count()).select_from(table)).one() == 0
        [job] = session.exec(select(CatalogImport)).all()
        assert (job.status, "disk full" in job.error) == ("failed", True)


def test_a_file_without_codes_updates_products_by_name_and_keeps_their_codes(
    session: Session, settings: Settings
) -> None:
    store = _store(session)
    import_catalog(session, "dk1", read_catalog(GOOD.encode()), settings=settings)
    by_name = "Nom;Seuil\r\nRiz brisé 50kg;12\r\nHuile 5L;3\r\nSavon;2\r\n".encode("cp1252")
    plan, result = import_catalog(session, "dk1", read_catalog(by_name), settings=settings)
    assert result is not None and (result.created, result.updated) == (1, 2)
    assert sorted(p.row.sku for p in plan.updated) == ["HUILE-5L", "RIZ"]  # as the preview says
    assert _products(session, store) == {
        "RIZ": ("Riz brisé 50kg", 40, 12),
        "HUILE-5L": ("Huile 5L", 12, 3),
        "SAVON": ("Savon", 0, 2),
    }
