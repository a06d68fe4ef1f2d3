"""Units are found by their English name and code too; on PostgreSQL, a trigram index for the search.

The search (`publications.search`) asks for search keys that contain each word typed: PostgreSQL's
pg_trgm makes such `LIKE '%…%'` lookups use an index (GIN, gin_trgm_ops) instead of a scan.
SQLite has no such index; it scans, which is fine at its scale.
"""

from django.db import migrations


def refill_search_keys(apps, schema_editor):
    from scoring.models import Unit as Current  # the rule itself (name, English name, code)

    Unit = apps.get_model("scoring", "Unit")
    changed = []
    for unit in Unit.objects.only("pk", "name", "code", "search_name").iterator(chunk_size=2000):
        key = Current.search_key(unit.name, unit.code)
        if key != unit.search_name:
            unit.search_name = key
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["search_name"], batch_size=1000)


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS scoring_unit_search_trgm ON scoring_unit USING gin (search_name gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS scoring_authority_search_trgm ON scoring_authority "
        "USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS scoring_unit_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS scoring_authority_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("scoring", "0009_score_group_ordinal")]

    operations = [
        migrations.RunPython(refill_search_keys, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
