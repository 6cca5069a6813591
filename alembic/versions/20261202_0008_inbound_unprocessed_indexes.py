"""indexes over the inbound messages not processed yet (the processor's claim)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNPROCESSED = "processed_at IS NULL"


def upgrade() -> None:
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.drop_index('ix_inbound_pending')
        batch_op.create_index(
            'ix_inbound_unprocessed',
            ['sent_at', 'id'],
            unique=False,
            sqlite_where=sa.text(UNPROCESSED),
            postgresql_where=sa.text(UNPROCESSED),
        )
        batch_op.create_index(
            'ix_inbound_unprocessed_sender',
            ['sender', 'sent_at', 'id'],
            unique=False,
            sqlite_where=sa.text(UNPROCESSED),
            postgresql_where=sa.text(UNPROCESSED),
        )


def downgrade() -> None:
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.drop_index('ix_inbound_unprocessed_sender')
        batch_op.drop_index('ix_inbound_unprocessed')
        batch_op.create_index(
            'ix_inbound_pending', ['processed_at', 'sender', 'sent_at'], unique=False
        )
