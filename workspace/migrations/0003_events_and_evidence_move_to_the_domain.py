"""EditionEvent and Evidence are now models of the domain (scoring); their tables are not touched here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0002_events_keep_their_authority"),
        ("scoring", "0005_decisions_events_and_evidence_join_the_domain"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="EditionEvent"), migrations.DeleteModel(name="Evidence")]
        ),
    ]
