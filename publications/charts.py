"""Chart figures for the public pages, built with plotly and drawn in the browser by static/js/charts.js.

Each function returns a `Chart`: the plotly figure as a JSON-ready dict, its numbered title, and a
text alternative that says in words what the chart shows (the table next to it has every figure).
Values are plotted as floats; every number a reader sees (hover, text) is written from the
Decimals, in the page's language. plotly.js reads a subset of HTML in every label (links, styles),
so text that comes from an edition (names of units, bands, groups) goes in escaped (`_text`).
"""

import functools
from dataclasses import dataclass

import plotly.graph_objects as go
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from publications import svg
from scoring.numbers import fixed, separator
from scoring.points import from_cents, percent_cents, plain
from scoring.vocabulary import band_colour, html_format, shown, shown_text

# One hue, darker where more points were lost: readable without telling red from green.
HEAT_SCALE = [[0.0, "#67000d"], [0.35, "#cb181d"], [0.7, "#fc9272"], [1.0, "#fff5f0"]]
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif", "size": 13}


@dataclass
class Chart:
    id: str
    title: str
    description: str
    figure: dict
    svg_url: str = ""  # where it is served drawn (SVG), and as the figure plotly draws (JSON)
    json_url: str = ""
    png_url: str = ""  # the file to download, with its numbered title and source line
    embed_url: str = ""  # a page of its own for an iframe (the announcement's charts)
    caption: str = ""  # the title as HTML, names in Vietnamese marked as such (the title is plain text)

    @property
    def data_id(self):
        return f"{self.id}-data"

    def svg(self, width=800, **frame):
        """The chart as SVG, drawn on the server (`publications.svg`)."""
        return svg.render(self.figure, width=width, **frame)

    @functools.cached_property
    def sizes(self):
        """{"wide": (width, height), "narrow": (width, height)} of its SVGs for a screen and a phone."""
        found = {}
        for name, width in (("wide", WIDE), ("narrow", NARROW)):
            text = self.svg(width)
            found[name] = (width, int(text.split('height="', 1)[1].split('"', 1)[0]))
        return found


WIDE, NARROW = 800, 400  # the widths of the SVGs for a screen and for a phone


def edition_charts(edition, results):
    """Return the announcement's charts in their order: each block's bars, then each block's grid ("Biểu đồ 0N")."""
    index_name = edition.index.display_short_name
    count = len(results.blocks)
    bars = [
        results_bar(block, number=i + 1, index_name=index_name, year=edition.year, rank_by=edition.rank_by)
        for i, block in enumerate(results.blocks)
    ]
    grids = [group_heatmap(block, number=count + i + 1, year=edition.year) for i, block in enumerate(results.blocks)]
    return bars + grids


def _plain(figure):
    """The figure as data for plotly.js, without plotly.py's default theme (7 kB that the browser has)."""
    data = figure.to_plotly_json()
    data["layout"].pop("template", None)
    return data


def html_join(separator, parts):
    """Pieces of HTML joined (each escaped unless it is HTML already)."""
    return mark_safe(separator.join(str(conditional_escape(part)) for part in parts))


def _text(value):
    """Text from an edition, escaped for plotly (which would read "<a href>" or "<span style>" in it)."""
    return escape(value)


def _num(value, places=2):
    return fixed(value, places)


def _separators():
    return ",." if (get_language() or "vi").startswith("vi") else ".,"


def trimmed_cents(cents, sep):
    """Hundredths written without needless zeros: 1350 → "13,5"."""
    return plain(from_cents(cents)).replace(".", sep)


def chart_title(number, text):
    return _("Chart %(n)s: %(text)s") % {"n": f"{number:02d}", "text": text}


def _titled(number, words, *, block, **values):
    """(title, caption) of a numbered chart: "Biểu đồ 01: …" as text and as HTML (the block's name marked)."""
    title = chart_title(number, words % {**values, "block": shown_text(block.name, "block")})
    caption = html_format(_("Chart %(n)s: %(text)s"), n=f"{number:02d}",
                          text=html_format(words, **values, block=shown(block.name, "block")))  # fmt: skip
    return title, caption


def results_bar(block, *, number, index_name, year, rank_by="percent"):
    """Horizontal bars of the block's units by result, coloured by band, with the band thresholds drawn."""
    by_percent = rank_by == "percent"
    units = list(reversed(block.units))  # plotly draws the first category at the bottom
    traces = []
    for label in [b.label for b in block.bands] + [None]:
        members = [u for u in units if u.band == label]
        if not members:
            continue
        traces.append(
            go.Bar(
                orientation="h",
                name=_text(shown_text(label, "band")) if label else _("No band"),
                y=[_name(u) for u in members],
                x=[_value(u, by_percent) for u in members],
                marker={"color": band_colour(label)},
                text=[_num(u.percent) if by_percent and u.percent is not None else _num(u.score) for u in members],
                textposition="inside",
                insidetextanchor="end",
                textfont={"color": "#ffffff"},
                customdata=[[_unit_hover(u)] for u in members],
                hovertemplate="%{customdata[0]}<extra></extra>",
            )
        )
    shapes, annotations = [], []
    start = _axis_start([u.percent for u in block.units]) if by_percent else 0
    if by_percent:
        for band in block.bands:
            if band.min_percent <= 0 or band.min_percent < start:
                continue
            x = float(band.min_percent)
            shapes.append(
                {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper",
                 "layer": "below", "line": {"color": "#333333", "width": 1, "dash": "dash"}}
            )  # fmt: skip
            annotations.append(
                {"x": x, "y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False,
                 "text": f"{_text(shown_text(band.label, 'band'))} ≥ {_num(band.min_percent, 0 if band.min_percent == int(band.min_percent) else 2)}%",
                 "font": {"size": 11}}
            )  # fmt: skip
    figure = go.Figure(traces)
    figure.update_layout(
        meta={"kind": "bars"},
        barmode="overlay",
        height=max(260, 26 * len(units) + 130),
        margin={"l": 10, "r": 50, "t": 40, "b": 50},
        font=FONT,
        separators=_separators(),
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        showlegend=True,  # also when every unit has the same band: the legend says what the colour means
        legend={"orientation": "h", "y": -0.12 if len(units) < 8 else -40 / (26 * len(units) + 130), "x": 0},
        xaxis={
            "title": {"text": _axis_title(by_percent, start)},
            "range": [start, 100 + (100 - start) * 0.05] if by_percent else None,
            "gridcolor": "#e5e5e5",
            "fixedrange": True,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": [_name(u) for u in units],
            "automargin": True,
            "fixedrange": True,
        },
        shapes=shapes,
        annotations=annotations,
    )
    title, caption = _titled(number, _("%(index)s results of %(block)s in %(year)s"), block=block, index=index_name,
                             year=year)  # fmt: skip
    chart = Chart(f"chart-{number:02d}", title, describe_results(block, by_percent=by_percent), _plain(figure))
    chart.caption = caption
    return chart


def _axis_start(percents):
    """Where the percent axis starts: at 0, unless every unit is above 60 % — then at the ten below the
    lowest (84,10 → 80), so that differences of a few points show. The axis title says so."""
    present = [float(p) for p in percents if p is not None]
    if not present or min(present) < 60:
        return 0
    return int((min(present) - 1) // 10 * 10)


def _axis_title(by_percent, start):
    if not by_percent:
        return _("Points")
    if start:
        return _("Percentage of the applicable maximum (%%), axis from %(start)s%%") % {"start": start}
    return _("Percentage of the applicable maximum (%)")


def _value(unit, by_percent):
    value = unit.percent if by_percent else unit.score
    return float(value) if value is not None else 0.0


def _name(unit):
    """A unit's name as the page's language shows it, escaped for plotly."""
    return _text(shown_text(unit.name, "unit"))


def _unit_hover(unit):
    parts = [f"<b>{unit.rank}. {_name(unit)}</b>"]
    parts.append(_("%(score)s of %(max)s points") % {"score": _num(unit.score), "max": _num(unit.max)})
    if unit.percent is not None:
        parts.append(f"{_num(unit.percent)}%")
    if unit.band:
        parts.append(_text(shown_text(unit.band, "band")))
    return "<br>".join(parts)


def describe_results(block, *, by_percent=True):
    """A text alternative for the bar chart (HTML): how many units, who leads, who is last, the thresholds."""
    if not block.units:
        return _("No units.")
    first, last = block.units[0], block.units[-1]

    def figure(unit):
        if by_percent and unit.percent is not None:
            return f"{_num(unit.percent)}%"
        return _("%(score)s points") % {"score": _num(unit.score)}

    parts = [
        html_format(
            _("Horizontal bars, one per unit (%(n)s units), longest first. Highest: %(first)s, %(first_value)s. "
              "Lowest: %(last)s, %(last_value)s."),
            n=len(block.units), first=shown(first.name, "unit"), first_value=figure(first),
            last=shown(last.name, "unit"), last_value=figure(last),
        )
    ]  # fmt: skip
    counts = block.band_counts
    if counts:
        listed = html_join(
            ", ", (html_format("%(band)s %(n)s", band=shown(label, "band"), n=n) for label, n in counts.items())
        )
        parts.append(html_format(_("Bands: %(counts)s."), counts=listed))
    start = _axis_start([u.percent for u in block.units]) if by_percent else 0
    thresholds = [b for b in block.bands if b.min_percent > 0]
    if by_percent and thresholds:
        lines = html_join(
            ", ",
            (
                html_format("%(band)s %(at)s%%", band=shown(b.label, "band"), at=_num(b.min_percent, 0))
                for b in thresholds
            ),
        )
        parts.append(html_format(_("Dashed lines mark the band thresholds: %(lines)s."), lines=lines))
    if start:
        parts.append(html_format(_("The axis starts at %(start)s%%, so that the differences show."), start=start))
    return html_join(" ", parts)


def group_heatmap(block, *, number, year):
    """A heatmap of each unit's achievement per group (score / applicable max), leader at the top."""
    units = list(reversed(block.units))
    codes = [_text(g.code) for g in block.groups]
    sep = separator()
    points_text = _("%(score)s/%(max)s points (%(percent)s%%)")
    not_assessed = _("not assessed")
    z, text, hover = [], [], []
    for unit in units:
        row_z, row_text, row_hover = [], [], []
        for score, maximum in zip(unit.group_points, unit.group_maxima, strict=True):
            if maximum:
                cents = percent_cents(score, maximum)
                row_z.append(cents / 100)
                row_text.append(str(round(cents / 100)))
                row_hover.append(
                    points_text
                    % {"score": trimmed_cents(score, sep), "max": trimmed_cents(maximum, sep),
                       "percent": fixed(from_cents(cents), 2, sep)}
                )  # fmt: skip
            else:
                row_z.append(None)
                row_text.append("–")
                row_hover.append(not_assessed)
        z.append(row_z)
        text.append(row_text)
        hover.append(row_hover)
    values = [v for row in z for v in row if v is not None]
    low = min([50.0, *values]) if values else 0.0
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=codes,
            y=[_name(u) for u in units],
            zmin=(low // 10) * 10,
            zmax=100,
            colorscale=HEAT_SCALE,
            colorbar={"title": {"text": "%"}, "thickness": 12},
            text=text if len(units) * len(codes) <= 600 else None,
            texttemplate="%{text}" if len(units) * len(codes) <= 600 else None,
            customdata=hover,
            hovertemplate="<b>%{y}</b><br>" + _("Group") + " %{x}<br>%{customdata}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    figure.update_layout(
        meta={"kind": "heatmap"},
        height=max(260, 24 * len(units) + 120),
        margin={"l": 10, "r": 10, "t": 64, "b": 20},
        font=FONT,
        separators=_separators(),
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        # the axis title above the group numbers, not over them
        xaxis={"title": {"text": _("Group"), "standoff": 6}, "side": "top", "type": "category", "fixedrange": True},
        yaxis={"automargin": True, "type": "category", "fixedrange": True},
    )
    title, caption = _titled(number, _("Achievement by group of %(block)s in %(year)s"), block=block, year=year)
    chart = Chart(f"chart-{number:02d}", title, describe_heatmap(block), _plain(figure))
    chart.caption = caption
    return chart


def describe_heatmap(block):
    """A text alternative for the heatmap (HTML): in which groups the block lost most."""
    totals = []
    for k, header in enumerate(block.groups):
        lost = sum(u.groups[k].lost for u in block.units)
        maximum = sum(u.groups[k].max for u in block.units)
        totals.append((lost, header, maximum))
    worst = sorted((t for t in totals if t[2]), key=lambda t: t[0] / t[2], reverse=True)[:3]
    text = _("A grid of units (rows) by group (columns); each cell is the share of the group's points obtained.")
    if not worst:
        return text
    groups = html_join("; ", (
        html_format("%(code)s. %(name)s (%(percent)s%%)", code=h.code, name=shown(h.name, "group"),
                    percent=_num(100 - 100 * lost / maximum, 1))
        for lost, h, maximum in worst
    ))  # fmt: skip
    return html_join(" ", [text, html_format(_("The block lost most in: %(groups)s."), groups=groups)])


def history_bar(rows, *, title):
    """Bars of a unit's percentage edition after edition; rows are (year label, percent, band, colour)."""
    figure = go.Figure(
        go.Bar(
            x=[_text(r[0]) for r in rows],
            y=[float(r[1]) if r[1] is not None else 0 for r in rows],
            marker={"color": [r[3] for r in rows]},
            text=[f"{_num(r[1])}%" if r[1] is not None else "–" for r in rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        height=300,
        margin={"l": 50, "r": 10, "t": 30, "b": 40},
        font=FONT,
        separators=_separators(),
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        # automargin: room for the "100" of the axis (a fixed 10-pixel margin clipped it to "0")
        yaxis={
            "range": [0, 105],
            "title": {"text": "%"},
            "gridcolor": "#e5e5e5",
            "fixedrange": True,
            "automargin": True,
        },
        xaxis={"type": "category", "fixedrange": True},
    )
    return Chart("chart-history", title, "", _plain(figure))
