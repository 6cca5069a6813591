"""Wolof for managers, units in English for products

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_en', sqlmodel.sql.sqltypes.AutoString(length=32), server_default='', nullable=False))
    with op.batch_alter_table('import_row', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_en', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    with op.batch_alter_table('manager', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_manager_language'), type_='check')
        batch_op.create_check_constraint(op.f('ck_manager_language'), "language IN ('fr', 'en', 'wo')")


def downgrade() -> None:
    op.execute("UPDATE manager SET language = 'fr' WHERE language = 'wo'")
    with op.batch_alter_table('manager', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_manager_language'), type_='check')
        batch_op.create_check_constraint(op.f('ck_manager_language'), "language IN ('fr', 'en')")
    with op.batch_alter_table('import_row', schema=None) as batch_op:
        batch_op.drop_column('unit_en')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('unit_en')
