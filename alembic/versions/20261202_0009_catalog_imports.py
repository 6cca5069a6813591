"""catalogue imports staged in batches, then applied in one transaction

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.db.types

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('catalog_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('set_stock', sa.Boolean(), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('staged_rows', sa.Integer(), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('adjusted', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.Column('finished_at', bot.db.types.UTCDateTime(), nullable=True),
    sa.CheckConstraint("status IN ('staging', 'applying', 'done', 'failed')", name=op.f('ck_catalog_import_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_import'))
    )
    with op.batch_alter_table('catalog_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalog_import_store_code'), ['store_code'], unique=False)

    op.create_table('import_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('sku', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('aliases', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('threshold', sa.Integer(), nullable=True),
    sa.Column('reorder_quantity', sa.Integer(), nullable=True),
    sa.Column('is_new', sa.Boolean(), nullable=False),
    sa.Column('changed', sa.Boolean(), nullable=False),
    sa.Column('counted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['catalog_import.id'], name=op.f('fk_import_row_import_id_catalog_import'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_row'))
    )
    with op.batch_alter_table('import_row', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_row_import_id'), ['import_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('import_row', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_row_import_id'))
    op.drop_table('import_row')
    with op.batch_alter_table('catalog_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalog_import_store_code'))
    op.drop_table('catalog_import')
