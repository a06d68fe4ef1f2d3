"""A unit through the years: the editions of its authority, index and period, and its results in each, following
the units it continues (renamed or merged). Read by the unit page, its chart and the compare page."""

import datetime

from django.urls import reverse

from scoring.models import Edition
from scoring.results import results_for

_NO_DATE = datetime.date.min


def lineage(edition):
    """The results of every edition of the same authority, index and period (published, or this one), newest
    first: [(edition, EditionResults)]. All at once, in a fixed number of queries. For an index reported by
    period (with dates), every period of the authority and index."""
    editions = Edition.objects.filter(authority_id=edition.authority_id, index_id=edition.index_id)
    if edition.period_start is not None:
        editions = editions.filter(period_start__isnull=False)
    else:
        editions = editions.filter(period=edition.period)
    editions = [e for e in editions.select_related("authority", "index", "decision")
                if e.is_published or e.pk == edition.pk]  # fmt: skip
    editions.sort(key=moment, reverse=True)
    found = results_for(editions)
    return [(e, found[e.pk]) for e in editions]


def moment(edition):
    """Where an edition stands in time: its year, then the start of its period (for an index reported by period)."""
    return (edition.year, edition.period_start or _NO_DATE)


def moment_label(edition):
    """ "2023", or a period "15/3 – 14/6/2024"."""
    return edition.period if edition.period_start is not None else str(edition.year)


def unit_history(edition, result, lineage):
    """Return the unit's results in every edition of `lineage` (`lineage`), oldest first.

    Walks back year by year from `result`, following the unit's code and, where a unit was renamed or
    merged, its predecessors.
    """
    editions = [e for e, _results in lineage]
    all_results = {e.pk: r for e, r in lineage}
    rows = []
    codes, predecessors = {result.code}, set(result.predecessor_codes)
    for other in editions:
        if moment(other) > moment(edition):
            continue
        found = []
        results = all_results[other.pk]
        for block in results.blocks:
            for unit in block.units:
                if unit.code in codes:
                    found.append((block, unit))
        if not found and other.pk != edition.pk:
            for block in results.blocks:
                for unit in block.units:
                    if unit.code in predecessors:
                        found.append((block, unit))
        for block, unit in found:
            rows.append(
                {
                    "edition": other,
                    "when": moment_label(other),
                    "label": moment_label(other) if len(found) == 1 else f"{moment_label(other)} · {unit.name}",
                    "unit": unit,
                    "block": block,
                    "percent": unit.percent,
                    "band": unit.band,
                    "bands": block.bands,
                    "url": reverse("publications:unit", args=[other.slug, unit.code]),
                    "is_current": other.pk == edition.pk,
                }
            )
        if found:
            codes = {unit.code for _block, unit in found}
            predecessors = {code for _block, unit in found for code in unit.predecessor_codes}
    rows.reverse()
    return rows
