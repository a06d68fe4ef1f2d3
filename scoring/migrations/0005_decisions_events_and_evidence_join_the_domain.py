"""Decision (from publications), EditionEvent and Evidence (from workspace) become models of the domain.

The tables stay as they are here (only Django's idea of which app owns them moves); the next
migration gives them the domain's table names.
"""

import django.db.models.deletion
import scoring.models
from django.conf import settings
from django.db import migrations, models

DECISION = migrations.CreateModel(
    name="Decision",
    fields=[
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("number", models.CharField(max_length=100, verbose_name="number")),
        ("date", models.DateField(verbose_name="date")),
        ("signer", models.CharField(blank=True, max_length=200, verbose_name="signer")),
        ("title", models.CharField(blank=True, max_length=500, verbose_name="title")),
        (
            "signed_pdf",
            models.FileField(blank=True, upload_to=scoring.models.decision_path, verbose_name="signed decision (PDF)"),
        ),
        (
            "edition",
            models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decision",
                to="scoring.edition",
                verbose_name="edition",
            ),
        ),
    ],
    options={
        "verbose_name": "decision",
        "verbose_name_plural": "decisions",
        "ordering": ["-date", "number"],
        "db_table": "publications_decision",
    },
)

EVENT = migrations.CreateModel(
    name="EditionEvent",
    fields=[
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("edition_slug", models.CharField(blank=True, max_length=100, verbose_name="edition")),
        (
            "action",
            models.CharField(
                choices=[
                    ("open_self_assessment", "Self-assessment opened"),
                    ("start_appraisal", "Appraisal started"),
                    ("approve", "Approved"),
                    ("send_back", "Sent back to appraisal"),
                    ("publish", "Published"),
                    ("amend", "Amending edition created"),
                    ("import", "Imported from an edition file"),
                    ("excel", "Scores uploaded from Excel"),
                    ("survey", "Survey results entered"),
                ],
                max_length=30,
                verbose_name="action",
            ),
        ),
        ("from_status", models.CharField(blank=True, max_length=20, verbose_name="from")),
        ("to_status", models.CharField(blank=True, max_length=20, verbose_name="to")),
        ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
        ("remark", models.TextField(blank=True, verbose_name="remark")),
        ("unit_code", models.CharField(blank=True, max_length=60, verbose_name="unit")),
        (
            "edition",
            models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="scoring.edition",
                verbose_name="edition",
            ),
        ),
        (
            "authority",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="scoring.authority",
                verbose_name="authority",
            ),
        ),
        (
            "user",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
    ],
    options={
        "verbose_name": "cycle event",
        "verbose_name_plural": "cycle events",
        "ordering": ["-at", "-pk"],
        "db_table": "workspace_editionevent",
    },
)

EVIDENCE = migrations.CreateModel(
    name="Evidence",
    fields=[
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("file", models.FileField(upload_to=scoring.models.evidence_path, verbose_name="file")),
        ("original_name", models.CharField(max_length=255, verbose_name="file name")),
        ("content_type", models.CharField(max_length=100, verbose_name="type")),
        ("size", models.PositiveBigIntegerField(verbose_name="size")),
        ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded at")),
        (
            "score",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evidence",
                to="scoring.score",
                verbose_name="score",
            ),
        ),
        (
            "uploaded_by",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                to=settings.AUTH_USER_MODEL,
                verbose_name="uploaded by",
            ),
        ),
    ],
    options={
        "verbose_name": "evidence file",
        "verbose_name_plural": "evidence files",
        "ordering": ["uploaded_at", "pk"],
        "db_table": "workspace_evidence",
    },
)


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0004_frozen_authority_and_code_alphabet"),
        ("publications", "0002_decision_signed_pdf"),
        ("workspace", "0002_events_keep_their_authority"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[DECISION, EVENT, EVIDENCE], database_operations=[]),
    ]
