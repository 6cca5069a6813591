"""back office: admin users, sessions, actions; admin movement sources

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.db.types

OLD_SOURCES = "source IN ('whatsapp', 'api', 'cli', 'import')"
NEW_SOURCES = OLD_SOURCES + " OR source LIKE 'admin:%'"

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('admin_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('admin', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('created_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_action'))
    )
    with op.batch_alter_table('admin_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_action_admin'), ['admin'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_action_created_at'), ['created_at'], unique=False)

    op.create_table('admin_session',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('admin', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('csrf_token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_session'))
    )
    with op.batch_alter_table('admin_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_session_expires_at'), ['expires_at'], unique=False)

    op.create_table('admin_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.Column('last_signed_in_at', bot.db.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_user')),
    sa.UniqueConstraint('name', name=op.f('uq_admin_user_name'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.alter_column('source',
               existing_type=sa.VARCHAR(length=16),
               type_=sqlmodel.sql.sqltypes.AutoString(length=40),
               existing_nullable=False)
        batch_op.drop_constraint(batch_op.f('ck_stock_movement_source'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_stock_movement_source'), NEW_SOURCES)



def downgrade() -> None:
    op.execute("UPDATE stock_movement SET source = 'api' WHERE source LIKE 'admin:%'")
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_stock_movement_source'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_stock_movement_source'), OLD_SOURCES)
        batch_op.alter_column('source',
               existing_type=sqlmodel.sql.sqltypes.AutoString(length=40),
               type_=sa.VARCHAR(length=16),
               existing_nullable=False)

    op.drop_table('admin_user')
    with op.batch_alter_table('admin_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_session_expires_at'))

    op.drop_table('admin_session')
    with op.batch_alter_table('admin_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_action_created_at'))
        batch_op.drop_index(batch_op.f('ix_admin_action_admin'))

    op.drop_table('admin_action')
