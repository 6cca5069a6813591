"""adaptive send rate: the last cut after a 429, and whether several workers share the rate

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_rate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rate', sa.Float(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('cut_at', sa.Float(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('holder', sqlmodel.sql.sqltypes.AutoString(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('shared_until', sa.Float(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('outbox_rate', schema=None) as batch_op:
        batch_op.drop_column('shared_until')
        batch_op.drop_column('holder')
        batch_op.drop_column('cut_at')
        batch_op.drop_column('rate')
