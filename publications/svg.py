"""Charts drawn on the server, as SVG, from the same figures plotly draws in the browser.

A page shows these first: they need no script, print, scale, and weigh a few kilobytes, so an
announcement is readable on a phone before any chart library is fetched (plotly comes only
when someone asks for the interactive chart). Three kinds, the ones `publications.charts`
builds: horizontal bars by unit ("bars"), a grid of units by group ("heatmap"), vertical bars
edition by edition ("history").

Each renderer takes the figure (plotly's JSON: data and layout) and a width in pixels, and
returns SVG text whose height follows from the rows it has. Text from editions arrives escaped
for plotly (`&lt;`…); it is written into the SVG as text, escaped again for XML.
"""

import html
import itertools
import re
from xml.sax.saxutils import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
TEXT, MUTED, GRID, AXIS = "#1b1f24", "#525a63", "#e5e5e5", "#333333"


def render(figure, *, width=800, title="", source=""):
    """Return the SVG of a figure built by `publications.charts`, `width` pixels wide.

    `title` and `source`, when given, are written above and below the chart (for a chart
    downloaded on its own: "Biểu đồ 01: …", "Nguồn: …").
    """
    kind = (figure.get("layout", {}).get("meta") or {}).get("kind") or "history"
    draw = {"bars": _bars, "heatmap": _heatmap, "history": _history}[kind]
    narrow = width < 600
    body, height = draw(figure, width, narrow)
    top = 30 if title else 0
    bottom = 22 if source else 0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-{kind}" width="{width}" height="{height + top + bottom}" '
        f'viewBox="0 0 {width} {height + top + bottom}" font-family="{escape(FONT)}" font-size="{12 if narrow else 13}">',
        f'<rect width="{width}" height="{height + top + bottom}" fill="#ffffff"/>',
    ]
    if title:
        parts.append(_text(8, 20, title, size=15, weight="bold"))
    parts.append(f'<g transform="translate(0,{top})">{body}</g>')
    if source:
        parts.append(_text(8, height + top + 15, source, size=11, fill=MUTED))
    parts.append("</svg>")
    return "".join(parts)


# Helpers ------------------------------------------------------------------------------------


def _plain(text):
    """Text as a person reads it: the escapes made for plotly undone (they are made again for XML)."""
    return html.unescape(str(text)).replace("<br>", " · ")


def _width(text, size):
    """An estimate of the rendered width of `text` at `size` px (no font metrics on the server)."""
    wide = sum(1 for ch in text if ch.isupper() or ch in "mwMW@%")
    return (len(text) * 0.54 + wide * 0.16) * size


def _fit(text, room, size):
    """`text`, cut with "…" so that it fits `room` pixels."""
    if _width(text, size) <= room:
        return text
    while text and _width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _text(x, y, text, *, size=None, anchor="start", fill=TEXT, weight=None, full=None, halo=False):
    attrs = f' font-size="{size}"' if size else ""
    attrs += ' paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"' if halo else ""
    attrs += f' text-anchor="{anchor}"' if anchor != "start" else ""
    attrs += f' fill="{fill}"' if fill != TEXT else f' fill="{TEXT}"'
    attrs += f' font-weight="{weight}"' if weight else ""
    title = f"<title>{escape(full)}</title>" if full and full != text else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{attrs}>{title}{escape(text)}</text>'


def _legend(items, x, y, width, size):
    """Coloured squares and their labels, wrapping at `width`; return (svg, height)."""
    parts, cx, cy = [], x, y
    for label, colour in items:
        needed = 16 + _width(label, size) + 14
        if cx + needed > x + width and cx > x:
            cx, cy = x, cy + size + 8
        parts.append(f'<rect x="{cx:.1f}" y="{cy - size + 2:.1f}" width="11" height="11" fill="{colour}"/>')
        parts.append(_text(cx + 16, cy, label, size=size))
        cx += needed
    return "".join(parts), cy - y + size + 6


def _ticks(low, high, count=5):
    """Round tick values between low and high."""
    span = high - low
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if span / s <= count), span / count)
    first = int(low // step) * step
    return [first + i * step for i in range(int((high - first) // step) + 1) if low <= first + i * step <= high]


_LEVEL = re.compile(
    r"^(?:UBND|Ủy ban nhân dân)\s+(?:thành phố|thị xã|thị trấn|huyện|quận|xã|phường|đặc khu)\s+", re.IGNORECASE
)
_COMMITTEE = re.compile(
    r"\s+(?:Provincial|City|Town|District|Urban District|Township|Ward|Commune|Special Zone) People's Committee"
)


def _short(name):
    """A people's committee by its place alone: "UBND huyện Bắc Trà My" → "Bắc Trà My"; a department by its
    field ("Department of Home Affairs" → "Home Affairs")."""
    if name.startswith("Department of "):
        return name[len("Department of ") :]
    if " of " not in name:
        name = _COMMITTEE.sub("", name)
    return _LEVEL.sub("", name) or name


def _number(value, separators):
    text = f"{value:g}"
    return text.replace(".", separators[0]) if separators else text


# Horizontal bars ------------------------------------------------------------------------------


def _bars(figure, width, narrow):
    """Bars by unit, leader at the top. On a phone each unit's name is written whole above its bar."""
    layout, traces = figure["layout"], figure["data"]
    size = 12
    order = list(reversed(layout["yaxis"].get("categoryarray") or []))  # leader first, at the top
    bars = {}
    for trace in traces:
        for name, value, label in zip(
            trace["y"], trace["x"], trace.get("text") or [""] * len(trace["y"]), strict=False
        ):
            bars[name] = (value, label, trace["marker"]["color"])
    xaxis = layout["xaxis"]
    by_percent = bool(xaxis.get("range"))
    low, high = xaxis["range"] if by_percent else (0, max([v for v, _l, _c in bars.values()] + [1]) * 1.05)
    names = [_plain(name) for name in order]
    if narrow:  # the name on a line of its own, the bar under it across the width
        row, bar_top, bar_height = 38, 19, 14
        label_room = 0
        left, right = 8, width - 10
    else:
        row, bar_top, bar_height = 22, 3, 16
        label_room = min(max((_width(n, size) for n in names), default=40) + 10, width * 0.38)
        left, right = label_room + 6, width - 18
    top = 26 + 13 * min(2, max(0, len(layout.get("shapes") or []) - 1))  # room for staggered threshold labels
    plot = right - left
    height_rows = row * len(order)
    scale = plot / (high - low)
    parts = []
    separators = layout.get("separators", ",.")
    for value in _ticks(low, 100 if by_percent else high, 5 if narrow else 10):
        x = left + (value - low) * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + height_rows}" stroke="{GRID}"/>')
        parts.append(_text(x, top + height_rows + 14, _number(value, separators), size=size - 1, anchor="middle",
                           fill=MUTED))  # fmt: skip
    taken = []  # (row, left edge, right edge) of the threshold labels placed: close ones go on a second row
    for shape, note in sorted(zip(layout.get("shapes") or [], layout.get("annotations") or [], strict=False),
                              key=lambda pair: pair[0]["x0"]):  # fmt: skip
        x = left + (shape["x0"] - low) * scale
        label = _plain(note["text"])
        half = _width(label, size - 1) / 2 + 3
        x_text = min(max(x, left + half), width - half)  # kept whole inside the picture
        free = (r for r in (0, 1, 2) if all(r != t or x_text - half > b or x_text + half < a for t, a, b in taken))
        line = next(free, len(taken) % 3)  # more thresholds than fit: they share the rows
        taken.append((line, x_text - half, x_text + half))
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4 - 13 * line}" x2="{x:.1f}" y2="{top + height_rows}" stroke="{AXIS}" '
            'stroke-dasharray="4 3"/>'
        )
        parts.append(_text(x_text, top - 8 - 13 * line, label, size=size - 1, anchor="middle", fill=AXIS))
    for i, (name, shown) in enumerate(zip(order, names, strict=True)):
        y = top + i * row
        value, label, colour = bars.get(name, (0, "", MUTED))
        w = max(0.0, (value - low) * scale)
        if narrow:  # a white halo keeps the name legible across the grid and threshold lines
            parts.append(_text(left + 2, y + 14, _fit(shown, plot, size), size=size, full=shown, halo=True))
        else:
            parts.append(_text(left - 6, y + row * 0.7, _fit(shown, label_room - 6, size), size=size, anchor="end",
                               full=shown))  # fmt: skip
        parts.append(f'<rect x="{left}" y="{y + bar_top:.1f}" width="{w:.1f}" height="{bar_height}" fill="{colour}"/>')
        text = _plain(label)
        inside = _width(text, size - 1) + 8 < w
        baseline = y + bar_top + bar_height - 3.5
        parts.append(
            _text(left + w - 4 if inside else left + w + 4, baseline, text, size=size - 1,
                  anchor="end" if inside else "start", fill="#ffffff" if inside else TEXT)
        )  # fmt: skip
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + height_rows}" stroke="{AXIS}"/>')
    if low:  # the axis does not start at 0: a break on it says so (and its title)
        y = top + height_rows
        parts.append(
            f'<path d="M{left - 4} {y + 4} l8 -8 M{left} {y + 4} l8 -8" stroke="{AXIS}" stroke-width="1.5" fill="none"/>'
        )
    axis_title = _plain((xaxis.get("title") or {}).get("text", ""))
    y = top + height_rows + 32
    if axis_title:
        parts.append(_text(left + plot / 2, y, _fit(axis_title, width - 16, size), size=size, anchor="middle",
                           fill=MUTED, full=axis_title))  # fmt: skip
        y += 8
    legend, legend_height = _legend(
        [(_plain(trace.get("name") or ""), trace["marker"]["color"]) for trace in traces], 8, y + 14, width - 16, size
    )
    parts.append(legend)
    return "".join(parts), y + legend_height + 6


# Grid of units by group -------------------------------------------------------------------------


def _colour(scale, fraction):
    """The colour at `fraction` (0 to 1) of a plotly colour scale [[stop, "#rrggbb"], …]."""
    fraction = min(1.0, max(0.0, fraction))
    for (a, ca), (b, cb) in itertools.pairwise(scale):
        if fraction <= b:
            t = 0 if b == a else (fraction - a) / (b - a)
            one, two = [int(ca[i : i + 2], 16) for i in (1, 3, 5)], [int(cb[i : i + 2], 16) for i in (1, 3, 5)]
            return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(one, two, strict=True))
    return scale[-1][1]


def _heatmap(figure, width, narrow):
    layout, trace = figure["layout"], figure["data"][0]
    size = 12
    rows_z = list(reversed(trace["z"]))  # plotly draws the first row at the bottom: leader first here
    names = [_plain(name) for name in reversed(trace["y"])]
    texts = list(reversed(trace.get("text") or [])) if trace.get("text") else None
    codes = [_plain(code) for code in trace["x"]]
    low, high, scale = trace.get("zmin", 0), trace.get("zmax", 100), trace["colorscale"]
    if narrow:  # "UBND huyện Bắc Trà My" is "Bắc Trà My" in a grid of districts: the prefix is the block's
        names = [_short(name) for name in names]
    label_room = min(max((_width(n, size) for n in names), default=40) + 10, width * 0.36)
    bar_room = 0 if narrow else 56
    left, right = label_room + 6, width - bar_room - 8
    top, row = 36, 22
    cell = (right - left) / max(1, len(codes))
    parts = [_text(left + (right - left) / 2, 12, _plain((layout["xaxis"].get("title") or {}).get("text", "")),
                   size=size, anchor="middle", fill=MUTED)]  # fmt: skip
    for j, code in enumerate(codes):
        parts.append(_text(left + (j + 0.5) * cell, top - 8, code, size=size, anchor="middle", weight="bold"))
    for i, (name, values) in enumerate(zip(names, rows_z, strict=True)):
        y = top + i * row
        parts.append(_text(left - 6, y + row * 0.7, _fit(name, label_room - 6, size), size=size, anchor="end",
                           full=name))  # fmt: skip
        for j, value in enumerate(values):
            x = left + j * cell
            if value is None:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell - 1:.1f}" height="{row - 1}" fill="#f4f6f8"/>'
                )
                parts.append(_text(x + cell / 2, y + row * 0.7, "–", size=size, anchor="middle", fill=MUTED))
                continue
            fraction = (value - low) / (high - low) if high > low else 1
            fill = _colour(scale, fraction)
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell - 1:.1f}" height="{row - 1}" fill="{fill}"/>')
            if texts is not None:
                dark = fraction < 0.55
                parts.append(_text(x + cell / 2, y + row * 0.7, _plain(texts[i][j]), size=size, anchor="middle",
                                   fill="#ffffff" if dark else TEXT))  # fmt: skip
    height = top + row * len(names)
    if not narrow:  # the colour scale, beside the grid
        x0, y0, h = right + 14, top, min(height - top, 200)
        steps = 20
        for k in range(steps):
            fraction = 1 - k / steps
            parts.append(
                f'<rect x="{x0}" y="{y0 + k * h / steps:.1f}" width="12" height="{h / steps + 0.5:.1f}" '
                f'fill="{_colour(scale, fraction)}"/>'
            )
        for value in (high, (high + low) / 2, low):
            y = y0 + (high - value) / (high - low) * h if high > low else y0
            parts.append(_text(x0 + 16, y + 4, f"{value:g}%", size=size - 1, fill=MUTED))
    return "".join(parts), height + 10


# Vertical bars, edition by edition ------------------------------------------------------------


def _history(figure, width, narrow):
    layout, trace = figure["layout"], figure["data"][0]
    size = 11 if narrow else 12
    labels = [_plain(label) for label in trace["x"]]
    values, texts = trace["y"], trace.get("text") or [""] * len(labels)
    colours = trace["marker"]["color"]
    colours = colours if isinstance(colours, list) else [colours] * len(labels)
    high = (layout.get("yaxis", {}).get("range") or [0, 105])[1]
    left, right, top, height = 40, width - 10, 24, 220
    plot_h = height - top - 30
    slot = (right - left) / max(1, len(labels))
    parts = []
    for value in _ticks(0, 100, 5):
        y = top + plot_h - value / high * plot_h
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(_text(left - 6, y + 4, f"{value:g}", size=size - 1, anchor="end", fill=MUTED))
    for i, (label, value, text, colour) in enumerate(zip(labels, values, texts, colours, strict=True)):
        h = max(0.0, value / high * plot_h)
        x = left + i * slot + slot * 0.2
        w = slot * 0.6
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}"/>')
        parts.append(_text(x + w / 2, top + plot_h - h - 5, _plain(text), size=size, anchor="middle"))
        parts.append(_text(x + w / 2, top + plot_h + 16, _fit(label, slot - 4, size), size=size, anchor="middle",
                           full=label))  # fmt: skip
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{right}" y2="{top + plot_h}" stroke="{AXIS}"/>')
    parts.append(_text(6, top - 8, "%", size=size - 1, fill=MUTED))
    return "".join(parts), height
