"""Summaries of a block's results, written from the data the way the decisions' articles write them.

    Đối với các Sở, ban, ngành có 15/20 đơn vị được xếp loại tốt, 05/20 đơn vị xếp loại khá.
    Trong đó, Sở Nội vụ là đơn vị dẫn đầu với 89,11 điểm, tỷ lệ 96,86%.

Vietnamese is composed by rules that follow the seed articles (two-digit counts, "được" on the
first band of agencies, the empty top bands of localities, several leaders when they tie, the
top three where the authority names them, the heads' ratings); English follows the same facts,
as HTML, in the vocabulary's English (`scoring.vocabulary`) with what stays Vietnamese marked so.
These are sentences built from data, so they are composed per language rather than through
message catalogues.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from scoring.numbers import trimmed
from scoring.points import fixed2
from scoring.standings import movers
from scoring.vocabulary import html_format, shown


def block_summary(block, *, leaders=1, language=None, detailed=False):
    """Return the summary of a BlockResult as a list of sentences in the active (or given) language.

    `detailed` (an index reported by period, as the service index's articles write it): a single unit's
    components one by one ("Chỉ số Công khai, minh bạch đạt 13,2/18 điểm"), and the units of each band named.
    """
    language = (language or get_language() or "vi").split("-")[0]
    if not block.units:
        return []
    if language == "vi":
        sentences = _vietnamese(block, leaders)
        return sentences + (_details_vi(block) if detailed else [])
    sentences = _english(block, leaders)
    return sentences + (_details_en(block) if detailed else [])


NAMED_AT_MOST = 20  # a band's units are named when there are this many or fewer


def _details_vi(block):
    if len(block.units) == 1:
        unit = block.units[0]
        parts = [f"Chỉ số {group.name} đạt {trimmed(group.score, ',')}/{trimmed(group.max, ',')} điểm"
                 for group in unit.groups if group.max_cents]  # fmt: skip
        return ["Cụ thể, các chỉ số có điểm đạt như sau: " + "; ".join(parts) + "."] if parts else []
    noun = "địa phương" if is_localities(block) else "đơn vị"
    sentences = []
    for label, count in block.band_counts.items():
        if not label or count > NAMED_AT_MOST:
            continue
        named = [unit.name for unit in block.units if unit.band == label]
        sentences.append(f"{count:02d} {noun} xếp loại {lower_first(label)} gồm: {', '.join(named)}.")
    return sentences


def _details_en(block):
    if len(block.units) == 1:
        unit = block.units[0]
        parts = [html_format("%(group)s %(score)s/%(max)s points", group=shown(group.name, "group"),
                             score=trimmed(group.score), max=trimmed(group.max))
                 for group in unit.groups if group.max_cents]  # fmt: skip
        return [html_format("Components: %(parts)s.", parts=_join_html(parts, "; ", separator="; "))] if parts else []
    sentences = []
    for label, count in block.band_counts.items():
        if not label or count > NAMED_AT_MOST:
            continue
        named = [shown(unit.name, "unit") for unit in block.units if unit.band == label]
        sentences.append(html_format("Rated %(band)s (%(n)s): %(names)s.", band=shown(label, "band"), n=count,
                                     names=_join_html(named, ", ")))  # fmt: skip
    return sentences


def is_localities(block):
    """Whether the block's units are local governments (UBND …), which the decisions call "địa phương"."""
    return bool(block.units) and all(unit.name.startswith(("UBND", "Ủy ban", "Uỷ ban")) for unit in block.units)


def lower_first(text):
    """Lower-case the first letter only: "Xuất sắc" → "xuất sắc", "Nhóm I" → "nhóm I"."""
    return text[:1].lower() + text[1:]


def vi_number(value):
    """89.11 → "89,11"."""
    return fixed2(value).replace(".", ",")


def en_number(value):
    return fixed2(value)


def join_vi(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def join_en(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _empty_top_bands(block):
    """Return the labels of the bands above the best band that has units (nobody reached them)."""
    counts = block.band_counts
    labels = [band.label for band in block.bands]
    if not counts:
        return []
    first = labels.index(next(iter(counts)))
    return labels[:first]


def _vietnamese(block, leaders):
    total = len(block.units)
    noun = "địa phương" if is_localities(block) else "đơn vị"
    if total == 1:
        unit = block.units[0]
        band = f", xếp loại {lower_first(unit.band)}" if unit.band else ""
        sentences = [f"{unit.name} đạt {_figures_vi(unit)}{band}."]
        if unit.head_rating:
            sentences.append(f"Người đứng đầu đạt mức {lower_first(unit.head_rating)}.")
        return sentences
    parts = []
    for i, (label, count) in enumerate(block.band_counts.items()):
        verb = "được xếp loại" if i == 0 and noun == "đơn vị" else "xếp loại"
        parts.append(f"{count:02d}/{total:02d} {noun} {verb} {lower_first(label)}")
    sentences = []
    if parts:
        first = f"Đối với {block.name} có " + ", ".join(parts)
        empty = _empty_top_bands(block)
        if empty:
            first += f"; không có {noun} xếp loại " + ", ".join(lower_first(label) for label in empty)
        sentences.append(first + ".")
    sentences.append(_leaders_vi(block, leaders))
    ratings = _ratings_vi(block, noun)
    if ratings:
        sentences.append(ratings)
    return sentences


def _figures_vi(unit):
    percent = f", tỷ lệ {vi_number(unit.percent)}%" if unit.percent is not None else ""
    return f"{vi_number(unit.score)} điểm{percent}"


def _leaders_vi(block, leaders):
    top = block.leaders
    if len({(u.score, u.percent) for u in top}) == 1:
        if len(top) == 1:
            lead = f"Trong đó, {top[0].name} là đơn vị dẫn đầu với {_figures_vi(top[0])}"
        else:
            lead = f"Trong đó, {join_vi(u.name for u in top)} là các đơn vị cùng dẫn đầu với {_figures_vi(top[0])}"
    else:
        lead = "Trong đó, " + join_vi(f"{u.name} ({_figures_vi(u)})" for u in top) + " là các đơn vị cùng dẫn đầu"
    if leaders > 1:
        for rank in sorted({u.rank for u in block.units if 1 < u.rank <= leaders}):
            same = [u.name for u in block.units if u.rank == rank]
            together = " cùng" if len(same) > 1 else ""
            lead += f"; {join_vi(same)}{together} xếp vị trí thứ {rank}"
    return lead + "."


def _ratings_vi(block, noun):
    groups = _by_rating(block)
    if not groups:
        return ""
    everyone = sum(len(units) for _rating, units in groups) == len(block.units)
    if len(groups) == 1 and everyone:
        rating, units = groups[0]
        return (
            f"Về mức độ hoàn thành nhiệm vụ của người đứng đầu: {len(units):02d}/{len(units):02d} {noun} "
            f"đều đạt mức {lower_first(rating)}."
        )
    parts = []
    for i, (rating, units) in enumerate(groups):
        if i == 0:
            who = join_vi(u.name for u in units) if len(units) <= 8 else f"{len(units):02d} {noun}"
            parts.append(f"{who} đạt mức {lower_first(rating)}")
        elif i == len(groups) - 1 and everyone:
            parts.append(f"{len(units):02d} {noun} còn lại xếp mức {lower_first(rating)}")
        else:
            parts.append(f"{len(units):02d} {noun} xếp mức {lower_first(rating)}")
    return "Về mức độ hoàn thành nhiệm vụ của người đứng đầu: " + "; ".join(parts) + "."


def _by_rating(block):
    """Return [(rating, [units])] for units with a head rating, the best-ranked rating first."""
    groups = {}
    for unit in block.units:
        if unit.head_rating:
            groups.setdefault(unit.head_rating, []).append(unit)
    return list(groups.items())


def _english(block, leaders):
    """The same facts in English, as HTML: the vocabulary's English for bands, ratings and blocks, and
    what it does not know (unit names it cannot translate) kept in Vietnamese and marked as such."""
    total = len(block.units)
    noun = "localities" if is_localities(block) else "units"

    def name(unit):
        return shown(unit.name, "unit")

    def names(units):
        return _join_html([name(u) for u in units], " and ")

    if total == 1:
        unit = block.units[0]
        band = html_format(", rated %(band)s", band=shown(unit.band, "band")) if unit.band else ""
        percent = f" ({en_number(unit.percent)}%)" if unit.percent is not None else ""
        return [html_format("%(unit)s: %(score)s points%(percent)s%(band)s.", unit=name(unit),
                            score=en_number(unit.score), percent=percent, band=band)]  # fmt: skip
    parts = [
        html_format("%(n)s of %(total)s rated %(band)s", n=count, total=total, band=shown(label, "band"))
        for label, count in block.band_counts.items()
    ]
    sentences = []
    if parts:
        first = html_format("For %(block)s: %(parts)s", block=shown(block.name, "block"), parts=_join_html(parts, ", "))
        empty = _empty_top_bands(block)
        if empty:
            first = html_format(
                "%(first)s; no %(noun)s rated %(bands)s", first=first, noun="locality" if noun == "localities" else "unit",
                bands=_join_html([shown(label, "band") for label in empty], ", "),
            )  # fmt: skip
        sentences.append(html_format("%(s)s.", s=first))
    top = block.leaders
    figures = [
        f"{en_number(u.score)} points" + (f" ({en_number(u.percent)}%)" if u.percent is not None else "") for u in top
    ]
    if len(set(figures)) == 1:
        verb = "leads" if len(top) == 1 else "share the lead"
        lead = html_format("%(who)s %(verb)s with %(figures)s", who=names(top), verb=verb, figures=figures[0])
    else:
        lead = html_format(
            "%(who)s share the lead",
            who=_join_html([html_format("%(u)s (%(f)s)", u=name(u), f=f) for u, f in zip(top, figures, strict=True)], " and "),
        )  # fmt: skip
    if leaders > 1:
        for rank in sorted({u.rank for u in block.units if 1 < u.rank <= leaders}):
            lead = html_format("%(lead)s; %(who)s ranked %(rank)s", lead=lead,
                               who=names([u for u in block.units if u.rank == rank]), rank=rank)  # fmt: skip
    sentences.append(html_format("%(s)s.", s=lead))
    groups = _by_rating(block)
    if groups:
        rated = [html_format("%(n)s rated “%(rating)s”", n=len(units), rating=shown(rating, "head_rating"))
                 for rating, units in groups]  # fmt: skip
        sentences.append(html_format("Heads of unit: %(rated)s.", rated=_join_html(rated, "; ", "; ")))
    return sentences


def _join_html(parts, last=" and ", separator=", "):
    """Pieces of HTML joined with `separator`, and `last` before the last one ("A, B and C")."""
    parts = [conditional_escape(p) for p in parts]
    if len(parts) <= 1:
        return mark_safe("".join(parts))
    return mark_safe(separator.join(parts[:-1]) + last + parts[-1])


def movers_sentence(block):
    """Who rose and who fell most since the previous edition, as one sentence (HTML), or None.

    "Tăng nhiều bậc nhất: UBND huyện A (▲5), UBND huyện B (▲3). Giảm nhiều bậc nhất: UBND huyện C (▼4)."
    """
    rose, fell = movers(block, count=3)
    if not rose and not fell:
        return None
    parts = []
    if rose:
        names = mark_safe(
            ", ".join(
                conditional_escape(html_format("%(unit)s (▲%(n)s)", unit=shown(m.unit.name, "unit"), n=m.places))
                for m in rose
            )
        )
        parts.append(html_format(_("Rose most: %(units)s."), units=names))
    if fell:
        names = mark_safe(
            ", ".join(
                conditional_escape(html_format("%(unit)s (▼%(n)s)", unit=shown(m.unit.name, "unit"), n=-m.places))
                for m in fell
            )
        )
        parts.append(html_format(_("Fell most: %(units)s."), units=names))
    return mark_safe(" ".join(conditional_escape(part) for part in parts))
