"""Writing editions and results out: the edition document, and the results as JSON and CSV."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from scoring.documents import FORMAT
from scoring.models import Band, Block, CriteriaSet, Criterion, Edition, Score, Unit
from scoring.points import fixed2, plain
from scoring.workbooks import csv_text


def edition_document(edition):
    """Return `edition` as a `parindex-edition/1` document (a dict ready for json.dumps)."""
    edition = Edition.objects.select_related("authority", "index").get(pk=edition.pk)
    document = {
        "format": FORMAT,
        "slug": edition.slug,
        "authority": {
            "name": edition.authority.name,
            "level": edition.authority.level,
            "province": edition.authority.province,
        },
        "index": edition.index.code,
        "year": edition.year,
    }
    if edition.authority.summary_leaders != 1:
        document["authority"]["summary_leaders"] = edition.authority.summary_leaders
    if edition.period:
        document["period"] = edition.period
    for key in ("period_start", "period_end", "as_of"):  # an index reported by period (docs/periods.md)
        if getattr(edition, key) is not None:
            document[key] = getattr(edition, key).isoformat()
    if edition.source:
        document["source"] = edition.source
    document["title"] = edition.title
    if edition.note:
        document["note"] = edition.note
    document["rank_by"] = edition.rank_by

    bands = list(Band.objects.filter(edition=edition).order_by("position", "pk"))
    document["bands"] = [_band(b) for b in bands if b.block_id is None]
    if edition.head_ratings:
        document["head_ratings"] = dict(edition.head_ratings)

    sets = list(CriteriaSet.objects.filter(edition=edition).order_by("position", "pk"))
    criteria = list(Criterion.objects.filter(criteria_set__edition=edition).order_by("position", "pk"))
    children = {}
    for criterion in criteria:
        children.setdefault((criterion.criteria_set_id, criterion.parent_id), []).append(criterion)

    def tree(set_id, parent_id):
        nodes = []
        for node in children.get((set_id, parent_id), []):
            item = {"code": node.code, "name": node.name, "max": plain(node.max_points)}
            if node.guidance:  # optional fields: written only when there is something to say
                item["guidance"] = node.guidance
            if node.evidence:
                item["evidence"] = node.evidence
            if node.is_leaf:
                if node.source != Criterion.Source.APPRAISAL:
                    item["source"] = node.source
            else:
                item["children"] = tree(set_id, node.pk)
            nodes.append(item)
        return nodes

    document["criteria_sets"] = {s.name: tree(s.pk, None) for s in sets}
    set_names = {s.pk: s.name for s in sets}

    blocks = list(Block.objects.filter(edition=edition).order_by("position", "pk"))
    units = list(Unit.objects.filter(edition=edition).order_by("position", "pk"))
    document["blocks"] = []
    for block in blocks:
        item = {"code": block.code, "name": block.name, "criteria_set": set_names[block.criteria_set_id]}
        own = [_band(b) for b in bands if b.block_id == block.pk]
        if own:
            item["bands"] = own
        item["units"] = [_unit(u) for u in units if u.block_id == block.pk]
        document["blocks"].append(item)

    unit_order = {u.pk: i for i, u in enumerate(units)}
    scores = sorted(
        Score.objects.filter(unit__edition=edition).values(
            "unit_id",
            "unit__code",
            "criterion__code",
            "criterion__position",
            "points",
            "self_points",
            "not_assessed",
            "note",
        ),
        key=lambda row: (unit_order[row["unit_id"]], row["criterion__position"]),
    )
    document["scores"] = [_score(row) for row in scores]

    decision = getattr(edition, "decision", None)
    if decision is not None:
        document["decision"] = _decision(decision)
    return document


def _band(band):
    return {"label": band.label, "min_percent": plain(band.min_percent)}


def _unit(unit):
    item = {"code": unit.code, "name": unit.name}
    if unit.predecessor_codes:
        item["predecessors"] = list(unit.predecessor_codes)
    if unit.head_rating:
        item["head_rating"] = unit.head_rating
    if unit.official_code:
        item["official_code"] = unit.official_code
    return item


def _score(row):
    # Not assessed is null; a score not entered yet counts as 0 in the results: export it as such.
    points = row["points"] if row["points"] is not None else Decimal(0)
    score = None if row["not_assessed"] else plain(points)
    item = {"unit": row["unit__code"], "criterion": row["criterion__code"], "score": score}
    if row["self_points"] is not None:
        item["self_score"] = plain(row["self_points"])
    if row["note"]:
        item["note"] = row["note"]
    return item


def period_of(edition):
    """The period of an edition of an index reported by period, as the exports and the API give it."""
    return {
        "label": edition.period,
        "start": edition.period_start.isoformat(),
        "end": edition.period_end.isoformat(),
        "as_of": edition.as_of.isoformat() if edition.as_of else None,
        "source": edition.source,
    }


def _decision(decision):
    return {
        "number": decision.number,
        "date": decision.date.isoformat(),
        "signer": decision.signer,
        "title": decision.title,
    }


def results_document(results):
    """Return the results as the "Results export" of the format describes them."""
    edition = results.edition
    decision = getattr(edition, "decision", None)
    about = {
        "slug": edition.slug,
        "title": edition.title,
        "year": edition.year,
        "index": edition.index.code,
        "authority": edition.authority_name,
        "status": "published" if edition.is_published else "draft",
        "decision": _decision(decision) if decision is not None else None,
    }
    if edition.period_start is not None:  # an index reported by period: its period stands where a decision would
        about["period"] = period_of(edition)
    return {
        "edition": about,
        "blocks": [
            {
                "code": block.code,
                "name": block.name,
                "band_counts": block.band_counts,
                "units": [_unit_result(unit) for unit in block.units],
            }
            for block in results.blocks
        ],
    }


def _unit_result(unit):
    return {
        "code": unit.code,
        "name": unit.name,
        "rank": unit.rank,
        "of": unit.of,
        "score": fixed2(unit.score),
        "max": fixed2(unit.max),
        "percent": fixed2(unit.percent),
        "band": unit.band,
        "head_rating": unit.head_rating,
        "previous": {"rank": unit.previous_rank, "percent": fixed2(unit.previous_percent)},
        "groups": [
            {"code": g.code, "name": g.name, "score": fixed2(g.score), "max": fixed2(g.max)} for g in unit.groups
        ],
    }


CSV_FIELDS = [
    "block",
    "block_name",
    "code",
    "name",
    "rank",
    "of",
    "score",
    "max",
    "percent",
    "band",
    "head_rating",
    "previous_rank",
    "previous_percent",
]

# The data dictionary of the results CSV (the JSON's unit fields are the same): the open-data page shows it.
CSV_DICTIONARY = [
    ("block", _("Code of the block: the units ranked together (for example the departments).")),
    ("block_name", _("Name of the block, as in the decision.")),
    ("code", _("Code of the unit, stable from year to year.")),
    ("name", _("Name of the unit, as in the decision.")),
    ("rank", _("Rank of the unit in its block (1 is the best); units with the same figure share a rank.")),
    ("of", _("Number of units ranked in the block.")),
    ("score", _("Score of the unit: the sum of its scores on the criteria, 2 decimals.")),
    ("max", _("Maximum the unit could reach: the criteria it is not assessed on are left out.")),
    ("percent", _("Score over maximum × 100, rounded half up to 2 decimals; units are ranked by it.")),
    ("band", _("Band of the percentage, as the decision names it.")),
    ("head_rating", _("Rating of the head of the unit that follows from the band, when the decision gives one.")),
    ("previous_rank", _("Rank of the unit (or of the units it was merged from) in the previous year; empty if none.")),
    ("previous_percent", _("Percentage in the previous year; empty if none.")),
    ("gN_score, gN_max", _("Score and applicable maximum of the unit in the N-th group of criteria of its block.")),
]


def results_rows(results, *, blocks=None):
    """Return (header, rows) of the results, one row per unit; groups as g1_score, g1_max, …"""
    chosen = [b for b in results.blocks if blocks is None or b.code in blocks]
    width = max((len(b.groups) for b in chosen), default=0)
    header = list(CSV_FIELDS)
    for i in range(1, width + 1):
        header += [f"g{i}_score", f"g{i}_max"]
    rows = []
    for block in chosen:
        for unit in block.units:
            row = [
                block.code,
                block.name,
                unit.code,
                unit.name,
                unit.rank,
                unit.of,
                fixed2(unit.score),
                fixed2(unit.max),
                fixed2(unit.percent),
                unit.band,
                unit.head_rating,
                unit.previous_rank,
                fixed2(unit.previous_percent),
            ]
            for group in unit.groups:
                row += [fixed2(group.score), fixed2(group.max)]
            row += [None, None] * (width - len(unit.groups))
            rows.append(row)
    return header, rows


def results_csv(results, *, blocks=None, bom=False):
    """Return the results as CSV text (with a UTF-8 byte-order mark when `bom`, for Excel)."""
    header, rows = results_rows(results, blocks=blocks)
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else csv_text(value) for value in row])
    return out.getvalue()
