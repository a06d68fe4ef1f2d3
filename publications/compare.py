"""Units side by side: up to four of one block (`?ma=A&ma=B`), or one unit across its years (`&qua-cac-nam=1`).

The address keeps the choice, so a link can be shared. Bad choices (unknown codes, units of two
blocks, more than four) get a plain message and the form again, never an error page.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from publications.access import public_edition
from publications.caching import public_page, respond
from publications.lineage import lineage, unit_history
from scoring.standings import MAX_COMPARED, CompareError, compared, percent_points_change
from scoring.tables import unit_choices


@public_page(params=("ma", "khoi", "qua-cac-nam"))
def compare(request, slug):
    edition, preview = public_edition(request, slug)
    found_lineage = lineage(edition)
    results = next(r for e, r in found_lineage if e.pk == edition.pk)
    codes = [code[:60] for code in request.GET.getlist("ma")[:20]]
    over_years = request.GET.get("qua-cac-nam") == "1"
    error, block, units = None, None, []
    try:
        block, units = compared(results, codes)
    except CompareError as refused:
        error = str(refused)
    chosen_block = block or results.block(request.GET.get("khoi", "")[:40]) or (results.blocks or [None])[0]
    columns = []
    if over_years and len(units) == 1:
        for row in reversed(unit_history(edition, units[0], found_lineage)):  # newest first
            columns.append(_column(row["unit"], row["block"], row["url"], heading=row["label"]))
    else:
        if over_years and len(units) > 1:
            error = _("Choose one unit to follow it across its years.")
        url = lambda code: reverse("publications:unit", args=[edition.slug, code])  # noqa: E731
        columns = [_column(unit, block, url(unit.code)) for unit in units]
    groups = _group_rows(columns, block) if columns else []
    for k, column in enumerate(columns):  # the same rows, one card per column on a phone
        column["cells"] = [(row["code"], row["name"], row["cells"][k]) for row in groups]
    slots = [units[k].code if k < len(units) else "" for k in range(MAX_COMPARED)]
    context = {
        "edition": edition,
        "unit_block": block,
        "chosen_block": chosen_block,
        "choices": [(b, unit_choices(b)) for b in results.blocks],
        "slots": slots,
        "columns": columns,
        "groups": groups,
        "over_years": over_years and len(units) == 1,
        "error": error,
        "max_compared": MAX_COMPARED,
        "share_url": request.build_absolute_uri() if columns else None,
    }
    return respond(request, "publications/compare.html", context, edition=edition, preview=preview)


def _column(unit, block, url, *, heading=None):
    return {
        "unit": unit,
        "block": block,
        "url": url,
        "heading": heading,
        "groups": {group.code: group for group in unit.groups},
        "points_change": percent_points_change(unit),
    }


def _group_rows(columns, block):
    """The rows of groups: by code, in the order of the (first) block, then those only earlier years had."""
    rows, seen = [], set()
    for column in columns:
        for header in column["block"].groups:
            if header.code not in seen:
                seen.add(header.code)
                rows.append(
                    {
                        "code": header.code,
                        "name": header.name,
                        "cells": [column_["groups"].get(header.code) for column_ in columns],
                    }
                )
    return rows
