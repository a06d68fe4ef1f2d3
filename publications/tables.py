"""The ranking table of a block (django-tables2): rank, unit, one column per group, totals, band, change."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class PointsColumn(tables.Column):
    """A decimal shown with the page's separator: 89,11."""

    def __init__(self, *args, places=2, **kwargs):
        self.places = places
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return number_format(value, decimal_pos=self.places)


class RankingTable(tables.Table):
    rank = tables.Column(verbose_name=_("Rank"), attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    name = tables.Column(verbose_name=_("Unit"), attrs={"td": {"class": "unit"}, "th": {"class": "unit"}})
    score = PointsColumn(verbose_name=_("Score"))
    max = PointsColumn(verbose_name=_("Max"))
    percent = PointsColumn(verbose_name=_("Percent (%)"), empty_values=(None,), default="–")
    band = tables.Column(verbose_name=_("Band"), default="–")
    change = tables.Column(
        verbose_name=_("Change"),
        empty_values=(),
        order_by=("change_key",),
        attrs={"td": {"class": "change"}},
    )

    class Meta:
        template_name = "publications/partials/ranking_table.html"
        orderable = True
        order_by = ("rank",)
        attrs = {"class": "ranking"}

    def __init__(self, data, *, block, edition, year_before=None, **kwargs):
        self.block, self.edition, self.year_before = block, edition, year_before
        super().__init__(data, **kwargs)

    def render_name(self, value, record):
        return format_html('<a href="{}">{}</a>', record["url"], value)

    def render_change(self, record):
        before = record["previous_rank"]
        if before is None:
            return format_html('<span class="muted" title="{}">–</span>', _("no earlier result"))
        change = before - record["rank"]
        if change > 0:
            arrow, css, words = "▲", "up", _("up %(n)s from rank %(before)s")
        elif change < 0:
            arrow, css, words = "▼", "down", _("down %(n)s from rank %(before)s")
        else:
            arrow, css, words = "=", "same", _("same rank as before (%(before)s)")
        label = words % {"n": abs(change), "before": before}
        shown = f"{arrow}{abs(change)}" if change else arrow
        return format_html(
            '<span class="{}" aria-hidden="true">{}</span> <span class="was">({})</span>'
            '<span class="visually-hidden">{}</span>',
            css,
            shown,
            before,
            label,
        )


def ranking_table(block, *, edition, request=None, year_before=None):
    """Return the RankingTable of a BlockResult, with one column per group of its criteria set."""
    extra = []
    for k, header in enumerate(block.groups):
        extra.append(
            (
                f"g{k}",
                PointsColumn(
                    verbose_name=header.code,
                    empty_values=(None,),
                    default="–",
                    attrs={
                        "td": {"class": "num"},
                        "th": {"class": "num group", "title": f"{header.code}. {header.name} ({header.max})"},
                    },
                ),
            )
        )
    rows = []
    for unit in block.units:
        row = {
            "rank": unit.rank,
            "name": unit.name,
            "code": unit.code,
            "url": reverse("publications:unit", args=[edition.slug, unit.code]),
            "score": unit.score,
            "max": unit.max,
            "percent": unit.percent,
            "band": unit.band,
            "previous_rank": unit.previous_rank,
            "change_key": unit.rank_change if unit.rank_change is not None else -(10**9),
        }
        for k, group in enumerate(unit.groups):
            row[f"g{k}"] = group.score if group.max else None  # a group not assessed at all shows "–"
        rows.append(row)
    table = RankingTable(
        rows,
        block=block,
        edition=edition,
        year_before=year_before,
        extra_columns=extra,
        sequence=("rank", "name", *[name for name, _column in extra], "score", "max", "percent", "band", "change"),
        prefix=f"{block.code}-",
    )
    table.caption = _("Ranking of %(block)s") % {"block": block.name}
    if request is not None:
        tables.RequestConfig(request, paginate=False).configure(table)
    return table
