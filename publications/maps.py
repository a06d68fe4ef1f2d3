"""A block's localities on a map: each at its official coordinates (`scoring.places`), its band as a colour and a
shape (so that the legend reads without colour), each a link to its unit page.

Drawn on the server as inline SVG: no tile server, no script, nothing fetched from elsewhere. The
ranking table stays the accessible view of the same figures; the map is a picture of where they are.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from scoring.numbers import fixed
from scoring.places import coordinates
from scoring.vocabulary import band_colour, shown_text

WIDTH, MAX_HEIGHT, PAD = 640, 560, 28
# One shape per band, highest first: circle, square, triangle, diamond, triangle down, then again.
SHAPES = ["circle", "square", "triangle", "diamond", "down"]
NO_BAND = "#8a9099"


@dataclass
class BlockMap:
    svg: str
    legend: list  # (label shown, colour, shape svg, count)
    located: int
    missing: list  # names of the units that could not be placed


def located_units(block, authority):
    """[(unit, (lat, lon))] of the block's units that can be placed, and [unit] of those that cannot."""
    placed, missing = [], []
    for unit in block.units:
        point = coordinates(unit.name, authority)
        (placed if point else missing).append((unit, point) if point else unit)
    return placed, missing


def has_map(block, authority):
    """Whether at least two of the block's units can be placed (a map is drawn); stops at the second."""
    placed = 0
    for unit in block.units:
        if coordinates(unit.name, authority):
            placed += 1
            if placed == 2:
                return True
    return False


def _shape(kind, x, y, r=6.5):
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
    if kind == "square":
        s = r * 0.9
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f} {y - r * 1.1:.1f}L{x + r:.1f} {y + r * 0.8:.1f}L{x - r:.1f} {y + r * 0.8:.1f}Z"/>'
    if kind == "diamond":
        return (
            f'<path d="M{x:.1f} {y - r * 1.2:.1f}L{x + r:.1f} {y:.1f}L{x:.1f} {y + r * 1.2:.1f}L{x - r:.1f} {y:.1f}Z"/>'
        )
    return f'<path d="M{x:.1f} {y + r * 1.1:.1f}L{x + r:.1f} {y - r * 0.8:.1f}L{x - r:.1f} {y - r * 0.8:.1f}Z"/>'


def block_map(block, authority, *, unit_url, anchor):
    """The `BlockMap` of a block of localities, or None when fewer than two of its units can be placed."""
    placed, missing = located_units(block, authority)
    if len(placed) < 2:
        return None
    bands = [band.label for band in block.bands]
    shape_of = {label: SHAPES[i % len(SHAPES)] for i, label in enumerate(bands)}
    lats = [p[0] for _u, p in placed]
    lons = [p[1] for _u, p in placed]
    scale_x = math.cos(math.radians((min(lats) + max(lats)) / 2))  # a degree of longitude is shorter
    span_x = max((max(lons) - min(lons)) * scale_x, 0.02)
    span_y = max(max(lats) - min(lats), 0.02)
    unit = min((WIDTH - 2 * PAD) / span_x, (MAX_HEIGHT - 2 * PAD) / span_y)
    height = round(span_y * unit + 2 * PAD)
    labels = len(placed) <= 30

    def xy(point):
        lat, lon = point
        return PAD + (lon - min(lons)) * scale_x * unit, PAD + (max(lats) - lat) * unit

    title_id = f"{anchor}-map-title"
    parts = [
        f'<svg class="map" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="group" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect width="{WIDTH}" height="{height}" fill="#f4f6f8" rx="4"/>',
    ]
    for k in range(1, 4):  # a light grid: north is up
        parts.append(
            f'<line x1="0" x2="{WIDTH}" y1="{height * k / 4:.0f}" y2="{height * k / 4:.0f}" stroke="#e2e6ea"/>'
        )
        parts.append(f'<line y1="0" y2="{height}" x1="{WIDTH * k / 4:.0f}" x2="{WIDTH * k / 4:.0f}" stroke="#e2e6ea"/>')
    parts.append(
        f'<text x="{WIDTH - 10}" y="18" text-anchor="end" font-size="12" fill="#525a63">{escape(_("N ↑"))}</text>'
    )
    # lowest first, so that the best are drawn on top where points are close
    for result, point in sorted(placed, key=lambda item: item[0].percent_cents or 0):
        x, y = xy(point)
        name = shown_text(result.name, "unit")
        band = shown_text(result.band, "band") if result.band else _("no band")
        label = _("%(unit)s: %(percent)s%%, %(band)s, rank %(rank)s/%(of)s") % {
            "unit": name, "percent": fixed(result.percent, 2), "band": band, "rank": result.rank, "of": result.of,
        }  # fmt: skip
        colour = band_colour(result.band) if result.band else NO_BAND
        kind = shape_of.get(result.band, "circle")
        parts.append(
            f'<a href="{escape(unit_url(result.code))}" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>"
            f'<g fill="{colour}" stroke="#1b1f24" stroke-width="1.2">{_shape(kind, x, y)}</g>'
        )
        if labels:
            short = _short(result.name)
            anchor_side = "end" if x > WIDTH - 120 else "start"
            dx = -10 if anchor_side == "end" else 10
            parts.append(
                f'<text lang="vi" x="{x + dx:.1f}" y="{y + 4:.1f}" font-size="12" text-anchor="{anchor_side}" fill="#1b1f24" '
                f'paint-order="stroke" stroke="#f4f6f8" stroke-width="3">{escape(short)}</text>'
            )
        parts.append("</a>")
    parts.append("</svg>")
    counts = {}
    for result, _point in placed:
        counts[result.band] = counts.get(result.band, 0) + 1
    legend = []
    for label in [*bands, None]:
        if counts.get(label):
            colour = band_colour(label) if label else NO_BAND
            swatch = (
                f'<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><g fill="{colour}" '
                f'stroke="#1b1f24" stroke-width="1.2">{_shape(shape_of.get(label, "circle"), 9, 9, 6)}</g></svg>'
            )
            legend.append((label, swatch, counts[label]))
    return BlockMap("".join(parts), legend, len(placed), [u.name for u in missing])


def _short(name):
    """The place of a people's committee: "UBND huyện Bắc Trà My" → "Bắc Trà My"."""
    words = name.replace("(mô phỏng)", "").split()
    if words and words[0].upper() == "UBND":
        words = words[1:]
    for prefix in (("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("huyện",), ("quận",), ("xã",), ("phường",)):
        if tuple(w.lower() for w in words[: len(prefix)]) == prefix:
            return " ".join(words[len(prefix) :])
    return " ".join(words)
