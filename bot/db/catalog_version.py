"""A store's catalog version, changed by the database itself whenever the store's products change.

`store.catalog_version` takes a new random value in the same transaction as any insert or
delete of a product of the store, and any update of what a catalog is made of (sku, name,
aliases, units, threshold, reorder quantity, store): triggers, so that every writer is covered
whatever it is (the ORM, Core, raw SQL, another process, an import, the back office, psql). A
stock movement (a `quantity` update) leaves it alone: quantities are read by every transaction,
never kept.

Random rather than counted: a version is never given twice, so a value kept with the catalog
read under it can only match that catalog. A counter would give the same number again after a
rolled-back change (the process that read its own uncommitted version then keeps the catalog it
rolled back) or after the tables are emptied (between two tests: `tests.conftest.empty_database`).

`bot.dialogue.view` keeps each store's catalog in the process by this version. The triggers are
created with the tables (`versioned`, for `create_all`) and by migration 0014.
"""

from __future__ import annotations

from sqlalchemy import DDL, Table, event

# What a catalog is made of; a write naming one of these columns changes the version.
CATALOG_COLUMNS = "store_id, sku, name, aliases, unit, unit_en, threshold, reorder_quantity"

SQLITE = [
    "CREATE TRIGGER product_catalog_inserted AFTER INSERT ON product BEGIN "
    "UPDATE store SET catalog_version = random() WHERE id = NEW.store_id; END",
    "CREATE TRIGGER product_catalog_deleted AFTER DELETE ON product BEGIN "
    "UPDATE store SET catalog_version = random() WHERE id = OLD.store_id; END",
    f"CREATE TRIGGER product_catalog_updated AFTER UPDATE OF {CATALOG_COLUMNS} ON product BEGIN "
    "UPDATE store SET catalog_version = random() WHERE id IN (OLD.store_id, NEW.store_id); END",
]
POSTGRESQL = [
    "CREATE FUNCTION product_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP <> 'INSERT' THEN "
    "UPDATE store SET catalog_version = (random() * 4e18)::bigint WHERE id = OLD.store_id; "
    "END IF; "
    "IF TG_OP = 'INSERT' OR NEW.store_id IS DISTINCT FROM OLD.store_id THEN "
    "UPDATE store SET catalog_version = (random() * 4e18)::bigint WHERE id = NEW.store_id; "
    "END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER product_catalog_changed AFTER INSERT OR DELETE OR UPDATE OF "
    f"{CATALOG_COLUMNS} ON product FOR EACH ROW EXECUTE FUNCTION product_catalog_changed()",
]


def versioned(product: Table) -> None:
    """Create the triggers with the product table (`metadata.create_all`)."""
    for dialect, statements in (("sqlite", SQLITE), ("postgresql", POSTGRESQL)):
        for statement in statements:
            ddl = DDL(statement)  # type: ignore[no-untyped-call]
            event.listen(product, "after_create", ddl.execute_if(dialect=dialect))
