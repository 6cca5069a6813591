"""an index over each product's movements in time order

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 07:15:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index(
            'ix_stock_movement_product_created', ['product_id', 'created_at', 'id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movement_product_created')
