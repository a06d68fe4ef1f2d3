"""The seed decisions (`fixtures/*.json`): imported, and published by the decision each one records (or, for an index
reported by period, by its period and source)."""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from scoring.documents import read_document
from scoring.importing import import_edition
from scoring.models import Edition
from scoring.writes import publish, publish_period

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


NATIONAL = FIXTURES / "national"  # the Ministry's PAR INDEX and SIPAS (tools/national_data.py)


def seed_files(folder=FIXTURES):
    """Return the seed edition files, in name order."""
    return sorted(folder.glob("*.json"))


def load_seeds(*, publish_them=True, log=None, folder=FIXTURES):
    """Import every seed edition and publish those that record a decision; return the editions.

    A seed edition that is already published is left as it is (published means frozen).
    """
    editions = []
    for path in seed_files(folder):
        data = read_document(path.read_bytes())
        existing = Edition.objects.filter(slug=data.get("slug")).first()
        if existing is not None and existing.is_published:
            if log:
                log(f"{existing.slug}: đã công bố, giữ nguyên")
            editions.append(existing)
            continue
        with transaction.atomic():
            edition = import_edition(document=data, file_name=path.name)
            if publish_them and data.get("decision"):
                edition = publish(edition=edition, historical=True)  # decided in the article's year
            elif publish_them and data.get("period_start") and data.get("source"):  # reported by period
                edition = publish_period(edition=edition, start=edition.period_start, end=edition.period_end,
                                         as_of=edition.as_of, source=edition.source, historical=True)  # fmt: skip
        if log:
            log(f"{edition.slug}: {edition.get_status_display()}")
        editions.append(edition)
    return editions
