"""managers: a language chosen (by the manager or the owner) is kept on the manager

Until now the manager's own choice (`english please`) was a mark in their conversation's
context (`"language": "chosen"`): it moves to `manager.language_chosen`, and the mark leaves the
context. Managers without it keep following the language they write in.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY, _CHOSEN = 'language', 'chosen'  # the context mark of before
_MANAGER = sa.table('manager', sa.column('id', sa.Integer), sa.column('language_chosen', sa.Boolean))
_CONVERSATION = sa.table(
    'conversation', sa.column('id', sa.Integer), sa.column('manager_id', sa.Integer), sa.column('context', sa.JSON)
)


def upgrade() -> None:
    with op.batch_alter_table('manager', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language_chosen', sa.Boolean(), server_default='0', nullable=False))  # a constant: no table copy on SQLite (its DROP would cascade)
    connection = op.get_bind()
    rows = connection.execute(sa.select(_CONVERSATION.c.id, _CONVERSATION.c.manager_id, _CONVERSATION.c.context))
    for row_id, manager_id, context in rows.all():
        if not isinstance(context, dict) or context.get(_KEY) != _CHOSEN:
            continue
        connection.execute(_MANAGER.update().where(_MANAGER.c.id == manager_id).values(language_chosen=True))
        kept = {k: v for k, v in context.items() if k != _KEY}
        connection.execute(_CONVERSATION.update().where(_CONVERSATION.c.id == row_id).values(context=kept))


def downgrade() -> None:
    connection = op.get_bind()
    chosen = sa.select(_MANAGER.c.id).where(_MANAGER.c.language_chosen.is_(True))
    rows = connection.execute(
        sa.select(_CONVERSATION.c.id, _CONVERSATION.c.context).where(_CONVERSATION.c.manager_id.in_(chosen))
    )
    for row_id, context in rows.all():
        marked = {**(context if isinstance(context, dict) else {}), _KEY: _CHOSEN}
        connection.execute(_CONVERSATION.update().where(_CONVERSATION.c.id == row_id).values(context=marked))
    with op.batch_alter_table('manager', schema=None) as batch_op:
        batch_op.drop_column('language_chosen')
