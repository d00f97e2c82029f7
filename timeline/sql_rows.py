"""Rows read with SQL that this app's own modules write, where building the query with the ORM
costs more than running it (the tallies, a page's extras, an event's nearest neighbours): one
cursor helper, and the one conversion the two databases' drivers differ on."""

from datetime import date

from django.db import connection


def table(model) -> str:
    """A model's table, quoted for the database in use."""
    return connection.ops.quote_name(model._meta.db_table)


def read_rows(sql: str, params) -> list[tuple]:
    """The rows of `sql`. The SQL is the calling module's own text; every value goes in `params`."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def placeholders(count: int) -> str:
    """'%s, %s, %s' for an IN list of `count` values."""
    return ", ".join(["%s"] * count)


def as_date(value) -> date | None:
    """A date column as a raw cursor returns it: SQLite gives its text, PostgreSQL a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value
