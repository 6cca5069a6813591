"""Outbox sends in flight: when a send started, for the rows a dead worker leaves in doubt

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sending_started_at', bot.db.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table('delivery_status', schema=None) as batch_op:
        batch_op.create_index('ix_delivery_status_recipient', ['recipient', 'received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('delivery_status', schema=None) as batch_op:
        batch_op.drop_index('ix_delivery_status_recipient')
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.drop_column('sending_started_at')
