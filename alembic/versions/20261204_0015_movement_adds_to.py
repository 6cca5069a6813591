"""stock movements: a correction to a larger amount names the movement it adds to

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 18:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('adds_to_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_stock_movement_adds_to_id'), ['adds_to_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_stock_movement_adds_to_id_stock_movement'), 'stock_movement', ['adds_to_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stock_movement_adds_to_id_stock_movement'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_stock_movement_adds_to_id'))
        batch_op.drop_column('adds_to_id')
