"""The ranking table of a block (django-tables2): rank, unit, percent, band, change, then score, max and the groups.

Shown by the public announcement and by the staff's draft ranking, with links of their own.

What a reader looks for comes first (on a phone the groups are folded behind a switch, see
`templates/partials/ranking_table.html`). A first click on a column sorts it the way people read a
ranking, best first: the highest score, percent, band and rise; names in Vietnamese alphabetical
order, localities by their place ("UBND huyện Tây Giang" at T). django-tables2 holds the columns
and the sorting (`?{block}-sort=percent`); the rows are written once, as HTML, when the table is
built, because rendering thousands of cells one by one through the template engine costs far more
than the rest of the page.
"""

import django_tables2 as tables
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scoring.numbers import fixed, separator
from scoring.standings import block_statistics, percent_points_change
from scoring.text import place_collation_key
from scoring.vocabulary import band_colour, english, shown, shown_text

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class RankingTable(tables.Table):
    rank = tables.Column(verbose_name=gettext_lazy("Rank"), attrs={"th": {"class": "num rank"}})
    name = tables.Column(verbose_name=gettext_lazy("Unit"), attrs={"th": {"class": "unit"}}, order_by=("name_key",))
    percent = tables.Column(verbose_name=gettext_lazy("Percent (%)"), attrs=NUM, order_by=("-percent_key",))
    band = tables.Column(verbose_name=gettext_lazy("Band"), order_by=("band_key",))
    change = tables.Column(verbose_name=gettext_lazy("Change"), empty_values=(), order_by=("-change_key",))
    score = tables.Column(verbose_name=gettext_lazy("Score"), attrs=NUM, order_by=("-score",))
    max = tables.Column(verbose_name=gettext_lazy("Max"), attrs=NUM, order_by=("-max",))

    class Meta:
        template_name = "partials/ranking_table.html"
        orderable = True
        order_by = ("rank",)
        attrs = {"class": "ranking"}


def band_badge(label, ranges=None):
    """A band as a coloured badge (its colour by name, the same in every edition), its range in its title."""
    if not label:
        return "–"
    title = ""
    if ranges:
        found = next((r for r in ranges if r[0] == label), None)
        if found:
            title = f' title="{escape(range_text(found[1], found[2]))}"'
    return f'<span class="badge" style="background:{band_colour(label)}"{title}>{shown(label, "band")}</span>'


def range_text(low, high):
    """A band's range in words: "≥ 90%", "80–< 90%", "< 50%"."""
    sep = separator()
    low_text = fixed(low, 0 if low == int(low) else 2, sep)
    if high is None:
        return f"≥ {low_text}%"
    high_text = fixed(high, 0 if high == int(high) else 2, sep)
    if not low:
        return f"< {high_text}%"
    return f"{low_text}–< {high_text}%"


def ranking_table(block, *, unit_url, request=None):
    """Return the RankingTable of a BlockResult, with one column per group of its criteria set.

    `unit_url(code)` gives each unit's link: its public page, or its score sheet for the staff.
    """
    extra = []
    for k, header in enumerate(block.groups):
        name = shown_text(header.name, "group")
        title = f"{header.code}. {name} ({_('max')} {fixed(header.max, 2)})"
        heading = mark_safe(f'{escape(header.code)}<small class="group-name">{shown(header.name, "group")}</small>')
        column = tables.Column(verbose_name=heading, attrs={"th": {"class": "num group", "title": title},
                                                            "td": {"class": "num group"}},
                               order_by=(f"-g{k}",))  # fmt: skip
        extra.append((f"g{k}", column))
    sep = separator()
    band_rank = {band.label: i for i, band in enumerate(block.bands)}
    ranges = block.band_ranges
    rows = []
    for unit in block.units:
        row = {
            "rank": unit.rank,
            "name": unit.name,
            "name_key": place_collation_key(shown_text(unit.name, "unit")),
            "score": unit.score,
            "max": unit.max,
            "percent": unit.percent,
            "percent_key": unit.percent if unit.percent is not None else -1,
            "band": unit.band or "",
            "band_key": band_rank.get(unit.band, len(band_rank)),
            # most places gained first, then most percentage points; no earlier result last
            "change_key": (unit.rank_change, percent_points_change(unit) or 0)
            if unit.rank_change is not None
            else (-(10**9), 0),
        }
        groups = unit.groups
        for k, group in enumerate(groups):
            row[f"g{k}"] = group.score if group.max else -1
        url = unit_url(unit.code)
        cells = [
            f'<td class="num rank">{unit.rank}</td>',
            f'<th scope="row" class="unit"><a href="{escape(url)}">{shown(unit.name, "unit")}</a></th>',
            f'<td class="num">{fixed(unit.percent, 2, sep)}</td>',
            f"<td>{band_badge(unit.band, ranges)}</td>",
            f'<td class="change">{change_html(unit)}</td>',
            f'<td class="num">{fixed(unit.score, 2, sep)}</td>',
            f'<td class="num">{fixed(unit.max, 2, sep)}</td>',
        ]
        cells += [f'<td class="num group">{fixed(g.score, 2, sep) if g.max else "–"}</td>' for g in groups]
        row["html"] = mark_safe("<tr>" + "".join(cells) + "</tr>")
        rows.append(row)
    table = RankingTable(
        rows,
        extra_columns=extra,
        sequence=("rank", "name", "percent", "band", "change", "score", "max", *[name for name, _column in extra]),
        prefix=f"{block.code}-",
    )
    table.caption = mark_safe(
        escape(_("Ranking of %(block)s")) % {"block": shown(block.name, "block")}
    )  # the block's name marked when it stays Vietnamese
    table.band_ranges = [
        (shown(label, "band"), band_colour(label), range_text(low, high)) for label, low, high in ranges
    ]
    table.has_groups = bool(extra)
    table.footer = _footer(block, sep)
    if request is not None:
        tables.RequestConfig(request, paginate=False).configure(table)
    return table


def _footer(block, sep):
    """The block's average and median under its ranking (`scoring.standings.block_statistics`), as table rows."""
    if len(block.units) < 2:
        return ""
    rows = []
    for label, statistic in zip((_("Block average"), _("Median")), block_statistics(block), strict=True):
        cells = [
            "<td></td>",
            f'<th scope="row" class="unit">{escape(label)}</th>',
            f'<td class="num">{fixed(statistic.percent, 2, sep)}</td>',
            "<td></td><td></td>",
            f'<td class="num">{fixed(statistic.score, 2, sep)}</td>',
            "<td></td>",
        ]
        cells += [f'<td class="num group">{fixed(value, 2, sep)}</td>' for value in statistic.groups]
        rows.append('<tr class="statistic">' + "".join(cells) + "</tr>")
    return mark_safe("".join(rows))


def unit_choices(block):
    """The block's units for a "find your unit" list: [(code, name as shown, "vi" or "")], by place name in
    Vietnamese collation. A name the vocabulary cannot translate is marked Vietnamese (an option holds no markup)."""
    choices = [(u.code, shown_text(u.name, "unit"), "" if english(u.name, "unit") else "vi") for u in block.units]
    return sorted(choices, key=lambda choice: place_collation_key(choice[1]))


def change_html(unit):
    """The change since the previous edition as HTML: places (▲2, ▼1, =) and percentage points (+1,25),
    with the same in words for screen readers; "–" when the unit has no earlier result."""
    before = unit.previous_rank
    if before is None:
        no_earlier = _("no earlier result")
        return f'<span class="muted" title="{escape(no_earlier)}">–</span><span class="visually-hidden">{escape(no_earlier)}</span>'
    change = before - unit.rank
    if change > 0:
        arrow, css, words = "▲", "up", _("up %(n)s from rank %(before)s")
    elif change < 0:
        arrow, css, words = "▼", "down", _("down %(n)s from rank %(before)s")
    else:
        arrow, css, words = "=", "same", _("same rank as before (%(before)s)")
    label = words % {"n": abs(change), "before": before}
    shown_change = f"{arrow}{abs(change)}" if change else arrow
    html = (
        f'<span class="{css}" aria-hidden="true">{shown_change}</span> <span class="was" aria-hidden="true">({before})</span>'
        f'<span class="visually-hidden">{escape(label)}</span>'
    )
    points = percent_points_change(unit)
    if points is not None:
        sign = "+" if points > 0 else ("−" if points < 0 else "±")
        text = f"{sign}{fixed(abs(points), 2)}"
        spoken = _("%(points)s percentage points") % {"points": text}
        html += (
            f' <span class="pp" aria-hidden="true">{text}</span><span class="visually-hidden">, {escape(spoken)}</span>'
        )
    return html
