"""Reading and checking edition documents (`parindex-edition/1`, see `edition-v1.md`).

`read_document(text)` parses JSON without floats; `validate_edition(data)` checks every rule of the
format and returns an `EditionSpec`, or raises `EditionInvalid` with every problem found, each
naming its place (`scores[17].score`, `blocks[1].units[3].code`, `criteria_sets.so[2].children[0]`)
and the rule it breaks. Nothing here touches the database.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from scoring.nation import is_ranked_nationally
from scoring.points import PointsRefused, plain, read_points
from scoring.text import CODE, has_control

FORMAT = "parindex-edition/1"
SLUG = re.compile(r"^[a-z0-9-]+$")
INDEX_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LEVELS = ("province", "district", "commune", "national")
RANK_BY = ("percent", "score")
SOURCES = ("appraisal", "survey")
MAX_DEPTH = 12  # criteria trees are 2 to 4 levels deep in practice
HUNDRED = Decimal(100)


class EditionInvalid(Exception):
    """The document breaks the format. `errors` is a list of (place, message)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.lines()))

    def lines(self):
        """Return each problem as one line: "place: message"."""
        return [f"{place}: {message}" if place else message for place, message in self.errors]


@dataclass
class CriterionSpec:
    code: str
    name: str
    max: Decimal
    source: str = "appraisal"
    children: list = field(default_factory=list)
    guidance: str = ""  # how points are given (cách chấm), optional
    evidence: str = ""  # the evidence required (tài liệu kiểm chứng), optional

    @property
    def is_leaf(self):
        return not self.children

    def walk(self, depth=0, parent=None):
        """Yield (criterion, depth, parent) for this node and its descendants, in pre-order."""
        yield self, depth, parent
        for child in self.children:
            yield from child.walk(depth + 1, self)


@dataclass
class BandDef:
    label: str
    min_percent: Decimal


@dataclass
class UnitSpec:
    code: str
    name: str
    predecessors: list = field(default_factory=list)
    head_rating: str = ""
    official_code: str = ""  # the code of the official list of administrative units, optional


@dataclass
class BlockSpec:
    code: str
    name: str
    criteria_set: str
    units: list
    bands: list | None = None


@dataclass
class ScoreSpec:
    unit: str
    criterion: str
    score: Decimal | None
    self_score: Decimal | None = None
    note: str = ""


@dataclass
class DecisionSpec:
    number: str
    date: datetime.date
    signer: str = ""
    title: str = ""


@dataclass
class EditionSpec:
    slug: str
    authority_name: str
    authority_level: str
    authority_province: str
    authority_summary_leaders: int | None
    index: str
    year: int
    title: str
    bands: list
    criteria_sets: dict
    blocks: list
    scores: list
    period: str = ""
    rank_by: str = "percent"
    head_ratings: dict = field(default_factory=dict)
    decision: DecisionSpec | None = None
    note: str = ""
    # An index reported by period: the period's dates, the day its figures are as of, their source (docs/periods.md).
    period_start: object = None
    period_end: object = None
    as_of: object = None
    source: str = ""


def _reject_constant(name):
    raise ValueError(_("%(name)s is not a number") % {"name": name})


def read_document(text):
    """Parse JSON text (str or UTF-8 bytes) with every number as an exact Decimal or int."""
    if isinstance(text, bytes | bytearray):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise EditionInvalid([("", _("the file is not UTF-8 text (byte %(pos)s)") % {"pos": exc.start})]) from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise EditionInvalid(
            [
                (
                    "",
                    _("the document is not valid JSON: %(error)s (line %(line)s, column %(column)s)")
                    % {"error": exc.msg, "line": exc.lineno, "column": exc.colno},
                )
            ]
        ) from None
    except ValueError as exc:
        raise EditionInvalid([("", _("the document is not valid JSON: %(error)s") % {"error": exc})]) from None
    except RecursionError:
        raise EditionInvalid([("", _("the document is nested too deeply"))]) from None


def validate_edition(data):
    """Check `data` (parsed JSON) against every rule of the format; return an EditionSpec.

    Raise EditionInvalid listing every problem found.
    """
    checker = _Checker()
    spec = checker.edition(data)
    if checker.errors:
        raise EditionInvalid(checker.errors)
    return spec


def _literal(value):
    """A number as the document writes it: `6.5`, `12,97`."""
    if isinstance(value, Decimal):
        return plain(value) if value.is_finite() else str(value)
    if isinstance(value, str):
        return value.strip()
    return json.dumps(value, ensure_ascii=False, default=str)


def _show(value):
    """Echo a value from the document in a message."""
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, Decimal):
        return plain(value) if value.is_finite() else str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


class _Checker:
    def __init__(self):
        self.errors = []
        self.unit_places = {}  # every unit code met in blocks, valid or not

    def error(self, place, message):
        self.errors.append((place, message))

    # Plain values -------------------------------------------------------------------------

    def obj(self, value, place):
        if not isinstance(value, dict):
            self.error(place, _("must be an object"))
            return None
        return value

    def lst(self, value, place, *, allow_empty=False):
        if not isinstance(value, list):
            self.error(place, _("must be a list"))
            return None
        if not value and not allow_empty:
            self.error(place, _("must not be empty"))
            return None
        return value

    def required(self, data, key, place):
        if key not in data:
            self.error(place, _("required key “%(key)s” is missing") % {"key": key})
            return False
        return True

    def text(self, value, place, *, required=True, max_length=500):
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.error(place, _("must be a string"))
            return None
        value = value.strip()
        if has_control(value):
            self.error(place, _("contains control characters (such as a null character)"))
            return None
        if required and not value:
            self.error(place, _("must not be empty"))
            return None
        if len(value) > max_length:
            self.error(place, _("is longer than %(n)s characters") % {"n": max_length})
            return None
        return value

    def code(self, value, place, *, max_length=60, defining=False):
        """Return a code as text; where the code is defined (`defining`), also check its alphabet."""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = self.text(value, place, max_length=max_length)
        if text is not None and defining and not CODE.match(text):
            self.error(
                place,
                _("%(value)s is not a valid code: use letters, digits, “.”, “-” and “_” (no spaces, no “/”)")
                % {"value": _show(text)},
            )
            return None
        return text

    def decimal(self, value, place, *, nullable=False, maximum=None, context=""):
        """Return the value as points (`scoring.points.read_points`); None (and an error) if refused.

        `context` is added to the message (which unit and criterion a score belongs to).
        """
        if value is None:
            if not nullable:
                self.error(place, _("must be a number"))
            return None
        try:
            return read_points(value, maximum=maximum, shown=_literal(value))
        except PointsRefused as refused:
            self.error(place, refused.message.rstrip(".") + context if context else refused.message)
            return None

    # The document -------------------------------------------------------------------------

    def edition(self, data):
        if self.obj(data, "") is None:
            return None
        if not self.required(data, "format", "format"):
            return None
        if data["format"] != FORMAT:
            self.error(
                "format",
                _("unknown format %(value)s (expected “%(expected)s”)")
                % {"value": _show(data["format"]), "expected": FORMAT},
            )
            return None
        for key in ("slug", "authority", "index", "year", "title", "bands", "criteria_sets", "blocks", "scores"):
            self.required(data, key, key)

        slug = None
        if "slug" in data:
            slug = self.text(data["slug"], "slug", max_length=100)
            if slug is not None and not SLUG.match(slug):
                self.error("slug", _("%(value)s is not a valid slug: use a-z, 0-9 and -") % {"value": _show(slug)})
                slug = None

        authority = self.authority(data.get("authority")) if "authority" in data else None

        index = None
        if "index" in data:
            index = self.text(data["index"], "index", max_length=40)
            if index is not None and not INDEX_CODE.match(index):
                self.error(
                    "index",
                    _("%(value)s is not an index code (cchc, service or another short code)") % {"value": _show(index)},
                )
                index = None

        year = self.year(data["year"]) if "year" in data else None
        period = self.text(data.get("period"), "period", required=False, max_length=100) or ""
        title = self.text(data["title"], "title") if "title" in data else None
        note = self.text(data.get("note"), "note", required=False, max_length=5000) or ""

        rank_by = data.get("rank_by") or "percent"
        if rank_by not in RANK_BY:
            self.error("rank_by", _("must be “percent” or “score”, not %(value)s") % {"value": _show(rank_by)})

        bands = self.bands(data["bands"], "bands") if "bands" in data else None
        sets = self.criteria_sets(data["criteria_sets"]) if "criteria_sets" in data else None
        blocks = self.blocks(data["blocks"], sets) if "blocks" in data else None
        if authority is not None and authority[1] == "national" and blocks:
            self.national_units(blocks)

        head_ratings = {}
        if data.get("head_ratings") is not None:
            head_ratings = self.head_ratings(data["head_ratings"], bands, blocks)

        scores = None
        if "scores" in data:
            scores = self.scores(data["scores"], blocks, sets)

        decision = None
        if data.get("decision") is not None:
            decision = self.decision(data["decision"])
        dates = self.period_dates(data, has_decision=data.get("decision") is not None)
        source = self.text(data.get("source"), "source", required=False, max_length=300) or ""

        if self.errors:
            return None
        return EditionSpec(
            slug=slug,
            authority_name=authority[0],
            authority_level=authority[1],
            authority_province=authority[2],
            authority_summary_leaders=authority[3],
            index=index,
            year=year,
            period=period,
            title=title,
            note=note,
            rank_by=rank_by,
            bands=bands,
            head_ratings=head_ratings,
            criteria_sets=sets,
            blocks=blocks,
            scores=scores,
            decision=decision,
            period_start=dates[0],
            period_end=dates[1],
            as_of=dates[2],
            source=source,
        )

    def national_units(self, blocks):
        """A national edition ranks provinces and ministries, nothing else (`scoring.nation`)."""
        for i, block in enumerate(blocks):
            for j, unit in enumerate(block.units):
                if not is_ranked_nationally(unit.name):
                    self.error(f"blocks[{i}].units[{j}].name",
                               _("%(name)s is neither a province nor a ministry: a national edition ranks only them")
                               % {"name": _show(unit.name)})  # fmt: skip

    def period_dates(self, data, *, has_decision):
        """(period_start, period_end, as_of) of an edition reported by period, each a date or None."""
        found = []
        for key in ("period_start", "period_end", "as_of"):
            value = data.get(key)
            date = None if value is None else parse_date(value)
            if value is not None and date is None:
                self.error(key, _("%(value)s is not a date written YYYY-MM-DD") % {"value": _show(value)})
            found.append(date)
        start, end, as_of = found
        if (start is None) != (end is None) and not self.errors:
            self.error("period_end" if end is None else "period_start", _("a period has a start and an end"))
        elif start is not None and end is not None and end < start:
            self.error("period_end", _("the period ends before it starts"))
        if as_of is not None and start is not None and as_of < start:
            self.error("as_of", _("the figures cannot be as of a day before the period starts"))
        if has_decision and start is not None:
            self.error("decision", _("an edition is published by a decision or by a period, not both"))
        return start, end, as_of

    def authority(self, value):
        if self.obj(value, "authority") is None:
            return None
        ok = all([self.required(value, "name", "authority.name"), self.required(value, "level", "authority.level")])
        if not ok:
            return None
        name = self.text(value["name"], "authority.name", max_length=200)
        level = value["level"]
        if level not in LEVELS:
            self.error(
                "authority.level",
                _("must be one of %(choices)s, not %(value)s") % {"choices": ", ".join(LEVELS), "value": _show(level)},
            )
            level = None
        province = self.text(value.get("province"), "authority.province", required=False, max_length=200) or ""
        leaders = value.get("summary_leaders")
        if leaders is not None and (
            not isinstance(leaders, int) or isinstance(leaders, bool) or not 1 <= leaders <= 10
        ):
            self.error("authority.summary_leaders", _("must be a whole number from 1 to 10"))
            return None
        if name is None or level is None:
            return None
        return name, level, province, leaders

    def year(self, value):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2200:
            self.error("year", _("%(value)s is not a year") % {"value": _show(value)})
            return None
        return value

    def bands(self, value, place):
        if self.lst(value, place) is None:
            return None
        bands, labels = [], set()
        for i, item in enumerate(value):
            here = f"{place}[{i}]"
            if self.obj(item, here) is None:
                return None
            if not (
                self.required(item, "label", f"{here}.label")
                & self.required(item, "min_percent", f"{here}.min_percent")
            ):
                return None
            label = self.text(item["label"], f"{here}.label", max_length=100)
            minimum = self.decimal(item["min_percent"], f"{here}.min_percent")
            if label is None or minimum is None:
                return None
            if label in labels:
                self.error(f"{here}.label", _("duplicate band label %(label)s") % {"label": _show(label)})
                return None
            if minimum > HUNDRED:
                self.error(f"{here}.min_percent", _("%(value)s is above 100") % {"value": _show(minimum)})
                return None
            if bands and minimum >= bands[-1].min_percent:
                self.error(
                    f"{here}.min_percent",
                    _("bands are listed highest first: %(value)s must be below %(previous)s")
                    % {"value": _show(minimum), "previous": _show(bands[-1].min_percent)},
                )
                return None
            labels.add(label)
            bands.append(BandDef(label, minimum))
        if bands[-1].min_percent != 0:
            self.error(
                f"{place}[{len(bands) - 1}].min_percent",
                _("the last band's min_percent must be 0, not %(value)s") % {"value": _show(bands[-1].min_percent)},
            )
            return None
        return bands

    def criteria_sets(self, value):
        if self.obj(value, "criteria_sets") is None:
            return None
        if not value:
            self.error("criteria_sets", _("must not be empty"))
            return None
        sets = {}
        for name, criteria in value.items():
            place = f"criteria_sets.{name}"
            if not name.strip():
                self.error(place, _("a criteria set needs a name"))
                continue
            if self.lst(criteria, place) is None:
                continue
            seen = {}
            tree = [self.criterion(item, f"{place}[{i}]", seen, 0) for i, item in enumerate(criteria)]
            if all(node is not None for node in tree):
                sets[name] = tree
        return sets if len(sets) == len(value) else None

    def criterion(self, item, place, seen, depth):
        if self.obj(item, place) is None:
            return None
        if depth >= MAX_DEPTH:
            self.error(place, _("criteria are nested deeper than %(n)s levels") % {"n": MAX_DEPTH})
            return None
        ok = self.required(item, "code", f"{place}.code") & self.required(item, "name", f"{place}.name")
        if not ok:
            return None
        code = self.code(item["code"], f"{place}.code", max_length=40, defining=True)
        name = self.text(item["name"], f"{place}.name")
        if code is not None:
            if code in seen:
                self.error(
                    f"{place}.code",
                    _("duplicate criterion code %(code)s (also at %(first)s)")
                    % {"code": _show(code), "first": seen[code]},
                )
                code = None
            else:
                seen[code] = place
        children = item.get("children")
        if children is not None and self.lst(children, f"{place}.children", allow_empty=True) is None:
            return None
        guidance = self.text(item.get("guidance"), f"{place}.guidance", required=False, max_length=5000)
        evidence = self.text(item.get("evidence"), f"{place}.evidence", required=False, max_length=5000)
        if guidance is None or evidence is None:
            return None
        source = item.get("source", "appraisal")
        if source not in SOURCES:
            self.error(
                f"{place}.source", _("must be “appraisal” or “survey”, not %(value)s") % {"value": _show(source)}
            )
            source = None
        if children:
            nodes = [
                self.criterion(child, f"{place}.children[{i}]", seen, depth + 1) for i, child in enumerate(children)
            ]
            if code is None or name is None or source is None or any(node is None for node in nodes):
                return None
            total = sum((node.max for node in nodes), Decimal("0.00"))
            if item.get("max") is not None:
                given = self.decimal(item["max"], f"{place}.max")
                if given is None:
                    return None
                if given != total:
                    self.error(
                        f"{place}.max",
                        _("group max %(max)s differs from the sum of its children's max, %(sum)s")
                        % {"max": _show(item["max"]), "sum": plain(total)},
                    )
                    return None
            return CriterionSpec(code, name, total, "appraisal", nodes, guidance, evidence)
        if item.get("max") is None:
            self.error(f"{place}.max", _("a criterion without children needs a max"))
            return None
        maximum = self.decimal(item["max"], f"{place}.max")
        if code is None or name is None or source is None or maximum is None:
            return None
        return CriterionSpec(code, name, maximum, source, [], guidance, evidence)

    def blocks(self, value, sets):
        if self.lst(value, "blocks") is None:
            return None
        blocks, block_codes, unit_codes = [], {}, self.unit_places
        for i, item in enumerate(value):
            place = f"blocks[{i}]"
            if self.obj(item, place) is None:
                continue
            ok = (
                self.required(item, "code", f"{place}.code")
                & self.required(item, "name", f"{place}.name")
                & self.required(item, "criteria_set", f"{place}.criteria_set")
                & self.required(item, "units", f"{place}.units")
            )
            if not ok:
                continue
            code = self.code(item["code"], f"{place}.code", max_length=40, defining=True)
            if code is not None and code in block_codes:
                self.error(
                    f"{place}.code",
                    _("duplicate block code %(code)s (also at %(first)s)")
                    % {"code": _show(code), "first": block_codes[code]},
                )
                code = None
            elif code is not None:
                block_codes[code] = place
            name = self.text(item["name"], f"{place}.name", max_length=200)
            set_name = item["criteria_set"]
            if not isinstance(set_name, str):
                self.error(f"{place}.criteria_set", _("must be a string"))
                set_name = None
            elif sets is not None and set_name not in sets:
                self.error(f"{place}.criteria_set", _("unknown criteria set %(name)s") % {"name": _show(set_name)})
                set_name = None
            bands = None
            if item.get("bands") is not None:
                bands = self.bands(item["bands"], f"{place}.bands")
                if bands is None:
                    continue
            units = []
            if self.lst(item["units"], f"{place}.units", allow_empty=True) is None:
                continue
            for j, unit in enumerate(item["units"]):
                spec = self.unit(unit, f"{place}.units[{j}]", unit_codes)
                if spec is not None:
                    units.append(spec)
            if code is not None and name is not None and set_name is not None:
                blocks.append(BlockSpec(code, name, set_name, units, bands))
        return blocks

    def unit(self, item, place, unit_codes):
        if self.obj(item, place) is None:
            return None
        if not (self.required(item, "code", f"{place}.code") & self.required(item, "name", f"{place}.name")):
            return None
        code = self.code(item["code"], f"{place}.code", defining=True)
        name = self.text(item["name"], f"{place}.name", max_length=300)
        if code is not None and code in unit_codes:
            self.error(
                f"{place}.code",
                _("duplicate unit code %(code)s (also at %(first)s)")
                % {"code": _show(code), "first": unit_codes[code]},
            )
            return None
        if code is not None:
            unit_codes[code] = place
        predecessors = item.get("predecessors") or []
        if self.lst(predecessors, f"{place}.predecessors", allow_empty=True) is None:
            return None
        codes = [self.code(p, f"{place}.predecessors[{k}]") for k, p in enumerate(predecessors)]
        head_rating = self.text(item.get("head_rating"), f"{place}.head_rating", required=False, max_length=200)
        official = self.text(item.get("official_code"), f"{place}.official_code", required=False, max_length=10)
        if official and not official.isdigit():
            self.error(f"{place}.official_code", _("an official code is made of digits, not %(value)s") % {
                "value": _show(official)})  # fmt: skip
            official = None
        if code is not None and code in codes:
            self.error(
                f"{place}.predecessors", _("unit %(code)s cannot be its own predecessor") % {"code": _show(code)}
            )
            return None
        if code is None or name is None or head_rating is None or official is None or any(c is None for c in codes):
            return None
        return UnitSpec(code, name, codes, head_rating, official)

    def head_ratings(self, value, bands, blocks):
        if self.obj(value, "head_ratings") is None:
            return {}
        labels = {band.label for band in bands or []}
        for block in blocks or []:
            labels |= {band.label for band in block.bands or []}
        ratings = {}
        for label, rating in value.items():
            place = f"head_ratings.{label}"
            if bands is not None and label not in labels:
                self.error(place, _("%(label)s is not the label of a band") % {"label": _show(label)})
                continue
            text = self.text(rating, place, max_length=200)
            if text is not None:
                ratings[label] = text
        return ratings

    def scores(self, value, blocks, sets):
        if self.lst(value, "scores", allow_empty=True) is None:
            return None
        # What each unit must be scored on: the leaves of its block's criteria set.
        leaves_of_set, groups_of_set = {}, {}
        for name, tree in (sets or {}).items():
            leaves_of_set[name] = {}
            groups_of_set[name] = set()
            for root in tree:
                for node, _depth, _parent in root.walk():
                    if node.is_leaf:
                        leaves_of_set[name][node.code] = node
                    else:
                        groups_of_set[name].add(node.code)
        unit_set = {}
        for block in blocks or []:
            for unit in block.units:
                unit_set[unit.code] = block.criteria_set
        can_check_units = blocks is not None and sets is not None

        scores, seen = [], {}
        for i, item in enumerate(value):
            place = f"scores[{i}]"
            if self.obj(item, place) is None:
                continue
            ok = (
                self.required(item, "unit", f"{place}.unit")
                & self.required(item, "criterion", f"{place}.criterion")
                & self.required(item, "score", f"{place}.score")
            )
            if not ok:
                continue
            unit = self.code(item["unit"], f"{place}.unit")
            criterion = self.code(item["criterion"], f"{place}.criterion", max_length=40)
            if unit is None or criterion is None:
                continue
            leaf = None
            if can_check_units:
                if unit not in unit_set:
                    if unit not in self.unit_places:  # else its block is refused already
                        self.error(f"{place}.unit", _("unknown unit %(code)s") % {"code": _show(unit)})
                    continue
                set_name = unit_set[unit]
                leaf = leaves_of_set.get(set_name, {}).get(criterion)
                if leaf is None:
                    if criterion in groups_of_set.get(set_name, ()):
                        self.error(
                            f"{place}.criterion",
                            _("criterion %(code)s is a group: scores are given for its leaves only (unit %(unit)s)")
                            % {"code": _show(criterion), "unit": _show(unit)},
                        )
                    else:
                        self.error(
                            f"{place}.criterion",
                            _("unknown criterion %(code)s in criteria set %(set)s of unit %(unit)s")
                            % {"code": _show(criterion), "set": _show(set_name), "unit": _show(unit)},
                        )
                    continue
            key = (unit, criterion)
            if key in seen:
                self.error(
                    place,
                    _("duplicate score for unit %(unit)s, criterion %(code)s (first at %(first)s)")
                    % {"unit": _show(unit), "code": _show(criterion), "first": seen[key]},
                )
                continue
            seen[key] = place
            score = self.score(item["score"], f"{place}.score", leaf, unit)
            self_score = self.score(item.get("self_score"), f"{place}.self_score", leaf, unit)
            note = self.text(item.get("note"), f"{place}.note", required=False, max_length=5000)
            if score is False or self_score is False or note is None:
                continue
            scores.append(ScoreSpec(unit, criterion, score, self_score, note))

        if can_check_units:
            for block in blocks:
                leaves = leaves_of_set.get(block.criteria_set, {})
                for unit in block.units:
                    for code in leaves:
                        if (unit.code, code) not in seen:
                            self.error(
                                "scores",
                                _("missing score for unit %(unit)s, criterion %(code)s")
                                % {"unit": _show(unit.code), "code": _show(code)},
                            )
        return scores

    def score(self, value, place, leaf, unit):
        """Return the score as a Decimal, None when not assessed, False when refused."""
        if value is None:
            return None
        context = ""
        if leaf is not None:
            context = " " + _("(unit %(unit)s, criterion %(code)s)") % {"unit": _show(unit), "code": _show(leaf.code)}
        number = self.decimal(value, place, maximum=leaf.max if leaf is not None else None, context=context)
        return False if number is None else number

    def decision(self, value):
        if self.obj(value, "decision") is None:
            return None
        ok = self.required(value, "number", "decision.number") & self.required(value, "date", "decision.date")
        if not ok:
            return None
        number = self.text(value["number"], "decision.number", max_length=100)
        date = parse_date(value["date"])
        if date is None:
            self.error(
                "decision.date", _("%(value)s is not a date written YYYY-MM-DD") % {"value": _show(value["date"])}
            )
        signer = self.text(value.get("signer"), "decision.signer", required=False, max_length=200)
        title = self.text(value.get("title"), "decision.title", required=False, max_length=500)
        if None in (number, date, signer, title):
            return None
        return DecisionSpec(number, date, signer, title)


def parse_date(value):
    """Return the date written `YYYY-MM-DD` (or `DD/MM/YYYY`), or None."""
    if not isinstance(value, str):
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None
