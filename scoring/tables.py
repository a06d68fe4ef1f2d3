"""The ranking table of a block (django-tables2): rank, unit, one column per group, totals, band, change.

Shown by the public announcement and by the staff's draft ranking, with links of their own.

django-tables2 holds the columns and the sorting (`?{block}-sort=percent`); the rows are written
once, as HTML, when the table is built, because rendering thousands of cells one by one through
the template engine costs far more than the rest of the page.
"""

import django_tables2 as tables
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scoring.numbers import fixed, separator

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class RankingTable(tables.Table):
    rank = tables.Column(verbose_name=gettext_lazy("Rank"), attrs={"th": {"class": "num rank"}})
    name = tables.Column(verbose_name=gettext_lazy("Unit"), attrs={"th": {"class": "unit"}})
    score = tables.Column(verbose_name=gettext_lazy("Score"), attrs=NUM)
    max = tables.Column(verbose_name=gettext_lazy("Max"), attrs=NUM)
    percent = tables.Column(verbose_name=gettext_lazy("Percent (%)"), attrs=NUM, order_by=("percent_key",))
    band = tables.Column(verbose_name=gettext_lazy("Band"), order_by=("band_key",))
    change = tables.Column(verbose_name=gettext_lazy("Change"), empty_values=(), order_by=("change_key",))

    class Meta:
        template_name = "partials/ranking_table.html"
        orderable = True
        order_by = ("rank",)
        attrs = {"class": "ranking"}


def ranking_table(block, *, unit_url, request=None):
    """Return the RankingTable of a BlockResult, with one column per group of its criteria set.

    `unit_url(code)` gives each unit's link: its public page, or its score sheet for the staff.
    """
    extra = []
    for k, header in enumerate(block.groups):
        title = f"{header.code}. {header.name} ({_('max')} {fixed(header.max, 2)})"
        extra.append(
            (f"g{k}", tables.Column(verbose_name=header.code, attrs={"th": {"class": "num group", "title": title}}))
        )
    sep = separator()
    band_rank = {band.label: i for i, band in enumerate(block.bands)}
    rows = []
    for unit in block.units:
        row = {
            "rank": unit.rank,
            "name": unit.name,
            "score": unit.score,
            "max": unit.max,
            "percent": unit.percent,
            "percent_key": unit.percent if unit.percent is not None else -1,
            "band": unit.band or "",
            "band_key": band_rank.get(unit.band, len(band_rank)),
            "change_key": unit.rank_change if unit.rank_change is not None else -(10**9),
        }
        groups = unit.groups
        for k, group in enumerate(groups):
            row[f"g{k}"] = group.score if group.max else -1
        url = unit_url(unit.code)
        cells = [
            f'<td class="num rank">{unit.rank}</td>',
            f'<th scope="row" class="unit"><a href="{escape(url)}">{escape(unit.name)}</a></th>',
        ]
        cells += [f'<td class="num">{fixed(g.score, 2, sep) if g.max else "–"}</td>' for g in groups]
        cells += [
            f'<td class="num">{fixed(unit.score, 2, sep)}</td>',
            f'<td class="num">{fixed(unit.max, 2, sep)}</td>',
            f'<td class="num">{fixed(unit.percent, 2, sep)}</td>',
            f"<td>{escape(unit.band) if unit.band else '–'}</td>",
            f'<td class="change">{_change(unit)}</td>',
        ]
        row["html"] = mark_safe("<tr>" + "".join(cells) + "</tr>")
        rows.append(row)
    table = RankingTable(
        rows,
        extra_columns=extra,
        sequence=("rank", "name", *[name for name, _column in extra], "score", "max", "percent", "band", "change"),
        prefix=f"{block.code}-",
    )
    table.caption = _("Ranking of %(block)s") % {"block": block.name}
    if request is not None:
        tables.RequestConfig(request, paginate=False).configure(table)
    return table


def _change(unit):
    before = unit.previous_rank
    if before is None:
        return f'<span class="muted" title="{escape(_("no earlier result"))}">–</span>'
    change = before - unit.rank
    if change > 0:
        arrow, css, words = "▲", "up", _("up %(n)s from rank %(before)s")
    elif change < 0:
        arrow, css, words = "▼", "down", _("down %(n)s from rank %(before)s")
    else:
        arrow, css, words = "=", "same", _("same rank as before (%(before)s)")
    label = words % {"n": abs(change), "before": before}
    shown = f"{arrow}{abs(change)}" if change else arrow
    return (
        f'<span class="{css}" aria-hidden="true">{shown}</span> <span class="was" aria-hidden="true">({before})</span>'
        f'<span class="visually-hidden">{escape(label)}</span>'
    )
