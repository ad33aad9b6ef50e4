"""Statements get a stable integer key and a folded search text (issues #13 and #18).

- SQLite: the FTS5 indexes were keyed on the implicit rowid of a table whose primary key
  is text, which `VACUUM` may renumber, leaving the indexes pointing at the wrong rows
  (issue #18, item 4). `seq INTEGER PRIMARY KEY` *is* the rowid, which VACUUM keeps.
- Both: `folded` holds a searchable value folded by `lionrock.fold.fold` (traditional to
  simplified, full-width to ASCII, lower case) and NULL otherwise, and the search indexes
  cover it instead of `value`, so a query in simplified characters (黄之锋) finds the
  record's traditional ones (黃之鋒) (issue #13, item 3).
- PostgreSQL: a btree over (prop, value) refuses values longer than about 2.7 KB
  ("index row size exceeds btree maximum", issue #18, item 5). Look-ups by value use a
  hash index, which takes any length, and `prop` a btree of its own.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = (
    "id, entity_id, schema, prop, prop_type, value, lang, original_value, source_id, "
    "status, review, recorded_by, recorded_at, searchable"
)

# The FTS5 tables read their text through this view ("external content" may be a view),
# so `rebuild` and `integrity-check` see exactly what the triggers index.
SQLITE_SEARCH = (
    "CREATE VIEW statements_search AS "
    "SELECT seq, folded, lr_grams(folded) AS grams FROM statements WHERE folded IS NOT NULL",
    "CREATE VIRTUAL TABLE statements_fts USING fts5(folded, content='statements_search', "
    "content_rowid='seq', tokenize='trigram')",
    "CREATE VIRTUAL TABLE statements_grams USING fts5(grams, content='statements_search', "
    "content_rowid='seq', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER statements_search_ai AFTER INSERT ON statements "
    "WHEN new.folded IS NOT NULL BEGIN "
    "INSERT INTO statements_fts(rowid, folded) VALUES (new.seq, new.folded); "
    "INSERT INTO statements_grams(rowid, grams) VALUES (new.seq, lr_grams(new.folded)); END",
    "CREATE TRIGGER statements_search_ad AFTER DELETE ON statements "
    "WHEN old.folded IS NOT NULL BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, folded) "
    "VALUES ('delete', old.seq, old.folded); "
    "INSERT INTO statements_grams(statements_grams, rowid, grams) "
    "VALUES ('delete', old.seq, lr_grams(old.folded)); END",
    "CREATE TRIGGER statements_search_au AFTER UPDATE OF folded ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, folded) "
    "SELECT 'delete', old.seq, old.folded WHERE old.folded IS NOT NULL; "
    "INSERT INTO statements_grams(statements_grams, rowid, grams) "
    "SELECT 'delete', old.seq, lr_grams(old.folded) WHERE old.folded IS NOT NULL; "
    "INSERT INTO statements_fts(rowid, folded) "
    "SELECT new.seq, new.folded WHERE new.folded IS NOT NULL; "
    "INSERT INTO statements_grams(rowid, grams) "
    "SELECT new.seq, lr_grams(new.folded) WHERE new.folded IS NOT NULL; END",
)


def _fold_existing(conn: sa.Connection) -> None:
    """Fill `folded` for the searchable values already stored."""
    from lionrock.fold import fold

    rows = conn.execute(sa.text("SELECT id, value FROM statements WHERE searchable")).all()
    update = sa.text("UPDATE statements SET folded = :folded WHERE id = :id")
    for start in range(0, len(rows), 5000):
        chunk = rows[start : start + 5000]
        conn.execute(update, [{"id": r[0], "folded": fold(r[1])} for r in chunk])


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for trigger in ("statements_fts_ai", "statements_fts_ad", "statements_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS statements_fts")
        op.execute("DROP TABLE IF EXISTS statements_grams")
        op.execute(
            "CREATE TABLE statements_new ("
            "seq INTEGER PRIMARY KEY, id VARCHAR(40) NOT NULL UNIQUE, "
            "entity_id VARCHAR(255) NOT NULL, schema VARCHAR(64) NOT NULL, "
            "prop VARCHAR(64) NOT NULL, prop_type VARCHAR(32) NOT NULL, value TEXT NOT NULL, "
            "lang VARCHAR(8), original_value TEXT, source_id VARCHAR(255) NOT NULL, "
            "status VARCHAR(16) NOT NULL, review VARCHAR(16) NOT NULL, "
            "recorded_by VARCHAR(128) NOT NULL, recorded_at VARCHAR(32) NOT NULL, "
            "searchable BOOLEAN NOT NULL, folded TEXT)"
        )
        op.execute(
            f"INSERT INTO statements_new (seq, {COLUMNS}) "
            f"SELECT rowid, {COLUMNS} FROM statements ORDER BY rowid"
        )
        op.execute("DROP TABLE statements")
        op.execute("ALTER TABLE statements_new RENAME TO statements")
        op.create_index("ix_statements_entity", "statements", ["entity_id", "prop"])
        op.create_index("ix_statements_source", "statements", ["source_id"])
        op.create_index("ix_statements_prop_value", "statements", ["prop", "value"])
        _fold_existing(conn)
        for statement in SQLITE_SEARCH:
            op.execute(statement)
        op.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")
        op.execute("INSERT INTO statements_grams(statements_grams) VALUES ('rebuild')")
    else:
        op.execute("ALTER TABLE statements DROP CONSTRAINT statements_pkey")
        op.execute("ALTER TABLE statements ADD COLUMN seq BIGSERIAL PRIMARY KEY")
        op.execute("ALTER TABLE statements ADD CONSTRAINT uq_statements_id UNIQUE (id)")
        op.add_column("statements", sa.Column("folded", sa.Text))
        _fold_existing(conn)
        op.execute("DROP INDEX IF EXISTS ix_statements_value_trgm")
        op.execute(
            "CREATE INDEX ix_statements_folded_trgm ON statements "
            "USING gin (folded gin_trgm_ops) WHERE folded IS NOT NULL"
        )
        op.execute("DROP INDEX IF EXISTS ix_statements_prop_value")
        op.create_index("ix_statements_prop", "statements", ["prop"])
        op.execute("CREATE INDEX ix_statements_value_hash ON statements USING hash (value)")


def downgrade() -> None:
    raise NotImplementedError("0006 is not reversible; restore a backup instead")
