"""Failed admin authentications per client address, shared by every web process

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.db.types


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'auth_failure',
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('last_failure_at', bot.db.types.UTCDateTime(), nullable=False),
        sa.Column('locked_until', bot.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('address', name=op.f('pk_auth_failure')),
    )
    with op.batch_alter_table('auth_failure', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_auth_failure_last_failure_at'), ['last_failure_at'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('auth_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_failure_last_failure_at'))
    op.drop_table('auth_failure')
