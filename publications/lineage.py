"""A unit through the years: the editions of its authority, index and period, and its results in each, following
the units it continues (renamed or merged). Read by the unit page, its chart and the compare page."""

from django.urls import reverse

from scoring.models import Edition
from scoring.results import results_for


def lineage(edition):
    """The results of every edition of the same authority, index and period (published, or this one), newest
    first: [(edition, EditionResults)]. All at once, in a fixed number of queries."""
    editions = Edition.objects.filter(
        authority_id=edition.authority_id, index_id=edition.index_id, period=edition.period
    ).select_related("authority", "index", "decision")
    editions = [e for e in editions if e.is_published or e.pk == edition.pk]
    editions.sort(key=lambda e: e.year, reverse=True)
    found = results_for(editions)
    return [(e, found[e.pk]) for e in editions]


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
        if other.year > edition.year:
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
                    "label": str(other.year) if len(found) == 1 else f"{other.year} · {unit.name}",
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
