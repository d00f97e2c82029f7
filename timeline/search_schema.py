"""The database objects behind full-text search, installed by a migration.

SQLite: two FTS5 external-content tables, one over events (title, summary)
and one over citations (quote), each kept in sync by triggers that touch only
their own table. PostgreSQL: GIN indexes over the same SearchVector expressions
that timeline.search queries, so the planner uses them.

On SQLite, a later migration that rebuilds timeline_event or timeline_citation
(Django does that for most column changes) drops that table's triggers: such a
migration must end with RunPython(install, uninstall) again. tests/test_search.py
checks the triggers exist after all migrations.
"""

import sqlite3

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector

CONFIG = "simple"  # no stemming or stop words, so both databases match the same words
EVENT_FTS = "timeline_event_fts"
CITATION_FTS = "timeline_citation_fts"
# (FTS table, content table, indexed columns)
FTS_TABLES = ((EVENT_FTS, "timeline_event", ("title", "summary")), (CITATION_FTS, "timeline_citation", ("quote",)))
TRIGGER_SUFFIXES = ("insert", "delete", "update")


def event_document():
    return SearchVector("title", "summary", config=CONFIG)


def quote_document():
    return SearchVector("quote", config=CONFIG)


def postgres_indexes():
    """(model name, index) pairs; expressions identical to the ones timeline.search filters on."""
    return (
        ("event", GinIndex(event_document(), name="event_search_gin")),
        ("citation", GinIndex(quote_document(), name="citation_quote_search_gin")),
    )


def sqlite_has_fts5() -> bool:
    """Asked of the sqlite3 library itself, so that no query is spent on it."""
    probe = sqlite3.connect(":memory:")
    try:
        return bool(probe.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0])
    finally:
        probe.close()


def trigger_names() -> list[str]:
    return [f"{fts}_{suffix}" for fts, _, _ in FTS_TABLES for suffix in TRIGGER_SUFFIXES]


def sqlite_statements(fts: str, table: str, columns: tuple[str, ...]) -> list[str]:
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN {remove} {add} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite" and sqlite_has_fts5():
        uninstall(apps, schema_editor)
        for fts, table, columns in FTS_TABLES:
            for statement in sqlite_statements(fts, table, columns):
                schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        uninstall(apps, schema_editor)
        for model_name, index in postgres_indexes():
            schema_editor.add_index(apps.get_model("timeline", model_name), index)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in trigger_names():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
        for fts, _, _ in FTS_TABLES:
            schema_editor.execute(f"DROP TABLE IF EXISTS {fts}", params=None)
    elif vendor == "postgresql":
        for _, index in postgres_indexes():
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index.name)}", params=None)
