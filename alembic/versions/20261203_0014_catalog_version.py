"""A store's catalog version, changed by triggers with every change of its products

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 02:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in bot/db/catalog_version.py when this revision was written.
COLUMNS = "store_id, sku, name, aliases, unit, unit_en, threshold, reorder_quantity"
SQLITE = [
    "CREATE TRIGGER product_catalog_inserted AFTER INSERT ON product BEGIN "
    "UPDATE store SET catalog_version = random() WHERE id = NEW.store_id; END",
    "CREATE TRIGGER product_catalog_deleted AFTER DELETE ON product BEGIN "
    "UPDATE store SET catalog_version = random() WHERE id = OLD.store_id; END",
    f"CREATE TRIGGER product_catalog_updated AFTER UPDATE OF {COLUMNS} ON product BEGIN "
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
    f"{COLUMNS} ON product FOR EACH ROW EXECUTE FUNCTION product_catalog_changed()",
]


def upgrade() -> None:
    with op.batch_alter_table('store', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('catalog_version', sa.BigInteger(), server_default='0', nullable=False)
        )
    postgresql = op.get_bind().dialect.name == 'postgresql'
    for statement in POSTGRESQL if postgresql else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER product_catalog_changed ON product')
        op.execute('DROP FUNCTION product_catalog_changed()')
    else:
        for name in ('inserted', 'deleted', 'updated'):
            op.execute(f'DROP TRIGGER product_catalog_{name}')
    with op.batch_alter_table('store', schema=None) as batch_op:
        batch_op.drop_column('catalog_version')
