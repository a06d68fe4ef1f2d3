"""The cross-authority page: one kind of block lined up across every authority that publishes it (`scoring.across`),
with each figure's criteria set beside it."""

import re

from django.shortcuts import render
from django.utils.text import slugify

from publications.caching import public_page
from scoring.across import lineup
from scoring.models import Edition
from scoring.vocabulary import BLOCK_KINDS


@public_page(params=("chi-so", "nam", "khoi", "don-vi"))
def across(request):
    published = Edition.objects.published().current()
    years = list(published.order_by("-year").values_list("year", flat=True).distinct())
    index = request.GET.get("chi-so", "cchc")
    if not re.fullmatch(r"[a-z0-9-]{1,40}", index, re.ASCII):
        index = "cchc"
    year = request.GET.get("nam", "")
    year = int(year) if re.fullmatch(r"[0-9]{4}", year, re.ASCII) else (years[0] if years else 0)
    kind = request.GET.get("khoi", "so")
    if kind not in BLOCK_KINDS:
        kind = "so"
    wanted = request.GET.get("don-vi", "")
    wanted = wanted if re.fullmatch(r"[a-z0-9-]{1,100}", wanted, re.ASCII) else ""
    found = lineup(index_code=index, year=year, kind=kind, unit=wanted)
    names = {slugify(key): name for key, name in found.units.items()}
    if wanted and not found.rows:  # not a unit of this kind of block: the block's average instead
        wanted = ""
        found = lineup(index_code=index, year=year, kind=kind)
    context = {
        "rows": found.rows,
        "units": list(names.items()),
        "chosen": wanted,
        "chosen_name": names.get(wanted, ""),
        "year": year,
        "years": years,
        "kind": kind,
        "kinds": list(BLOCK_KINDS),
        "index": index,
        "sets": len({(row.criteria_set, row.criteria, row.maximum, row.edition.authority_id) for row in found.rows}),
    }
    return render(request, "publications/across.html", context)
