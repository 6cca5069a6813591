"""conversation thread: reversals, order receipts, answers to alert pushes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.db.types


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('answered_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('answered_at', bot.db.types.UTCDateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_alert_answered_by_id_manager'), 'manager', ['answered_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbound_alert_recipient', ['recipient', 'id'], unique=False, sqlite_where=sa.text('alert_id IS NOT NULL'), postgresql_where=sa.text('alert_id IS NOT NULL'))

    with op.batch_alter_table('restock_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('received_quantity', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_check_constraint(op.f('ck_restock_order_received_nonnegative'), 'received_quantity >= 0')

    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reverses_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('order_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_stock_movement_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_reverses_id'), ['reverses_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_stock_movement_reverses_id_stock_movement'), 'stock_movement', ['reverses_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_stock_movement_order_id_restock_order'), 'restock_order', ['order_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stock_movement_order_id_restock_order'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_stock_movement_reverses_id_stock_movement'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_stock_movement_reverses_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movement_order_id'))
        batch_op.drop_column('order_id')
        batch_op.drop_column('reverses_id')

    with op.batch_alter_table('restock_order', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_restock_order_received_nonnegative'), type_='check')
        batch_op.drop_column('received_quantity')

    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbound_alert_recipient', sqlite_where=sa.text('alert_id IS NOT NULL'), postgresql_where=sa.text('alert_id IS NOT NULL'))

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_alert_answered_by_id_manager'), type_='foreignkey')
        batch_op.drop_column('answered_at')
        batch_op.drop_column('answered_by_id')
        batch_op.drop_column('answer')

