"""Storage: SQLModel tables, the engine, and schema migrations."""
