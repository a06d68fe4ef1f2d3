"""Decision is now a model of the domain (scoring); its table is not touched here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0002_decision_signed_pdf"),
        ("scoring", "0005_decisions_events_and_evidence_join_the_domain"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Decision")]),
    ]
