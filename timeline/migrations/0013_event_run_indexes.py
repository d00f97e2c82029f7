"""The indexes of how many months events run (timeline/month_runs.py), made on SQLite only.

PostgreSQL planned the page's read of them as a walk of the whole date index (at a million
events, 470-485 ms for start=2023-06&end=2023-08, against 37-39 for its own walk), so index_pages.py reads them on SQLite only, and
PostgreSQL is spared their upkeep on every write. The model declares them all the same.
"""

from django.db import migrations, models

import timeline.month_runs

RUN_INDEXES = [
    models.Index(
        timeline.month_runs.MonthsRun(),
        models.F("date_start"),
        models.F("date_end"),
        models.F("date_precision"),
        name="event_run_idx",
    ),
    models.Index(
        timeline.month_runs.MonthsRun(),
        models.F("kind"),
        models.F("date_start"),
        models.F("date_end"),
        models.F("date_precision"),
        name="event_kind_run_idx",
    ),
]


def add_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for index in RUN_INDEXES:
            schema_editor.add_index(apps.get_model("timeline", "Event"), index)


def remove_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for index in RUN_INDEXES:
            schema_editor.remove_index(apps.get_model("timeline", "Event"), index)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0012_place_month_tally_period_idx"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="event", index=index) for index in RUN_INDEXES],
            database_operations=[migrations.RunPython(add_on_sqlite, remove_on_sqlite, elidable=False)],
        ),
    ]
