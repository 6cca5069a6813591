"""WhatsApp events: operator events, templates, pricing on the outbox, user ids, held replies

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.db.types


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('operator_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('event', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('account_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('occurred_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.Column('received_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operator_event')),
    sa.UniqueConstraint('digest', name=op.f('uq_operator_event_digest'))
    )
    with op.batch_alter_table('operator_event', schema=None) as batch_op:
        batch_op.create_index('ix_operator_event_field', ['field', 'id'], unique=False)

    op.create_table('whatsapp_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('quality', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('meta_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('updated_at', bot.db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_whatsapp_template')),
    sa.UniqueConstraint('name', 'language', name='uq_whatsapp_template_name')
    )
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('replies_held', sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table('manager', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True))
        batch_op.add_column(sa.Column('media_notice_at', bot.db.types.UTCDateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_manager_user_id'), ['user_id'])

    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('billable', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('pricing_category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column('pricing_model', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('pricing_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column('conversation_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True))
        batch_op.add_column(sa.Column('conversation_origin', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))

    with op.batch_alter_table('webhook_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_webhook_event_received_at'), ['received_at'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_webhook_event_digest'), ['digest'])



def downgrade() -> None:
    with op.batch_alter_table('webhook_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_webhook_event_digest'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_webhook_event_received_at'))
        batch_op.drop_column('digest')

    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.drop_column('conversation_origin')
        batch_op.drop_column('conversation_id')
        batch_op.drop_column('pricing_type')
        batch_op.drop_column('pricing_model')
        batch_op.drop_column('pricing_category')
        batch_op.drop_column('billable')

    with op.batch_alter_table('manager', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_manager_user_id'), type_='unique')
        batch_op.drop_column('media_notice_at')
        batch_op.drop_column('user_id')

    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.drop_column('replies_held')

    op.drop_table('whatsapp_template')
    with op.batch_alter_table('operator_event', schema=None) as batch_op:
        batch_op.drop_index('ix_operator_event_field')

    op.drop_table('operator_event')
