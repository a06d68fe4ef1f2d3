"""Pictures made on the server, without a browser: a chart as PNG (from its SVG, by resvg) and the preview image
(Open Graph, 1200 × 630) of an announcement or a unit page (drawn with Pillow).

Both use the DejaVu Sans fonts kept in `publications/fonts/` (free licence, full Vietnamese), so
that a picture is the same on every server whatever fonts it has.
"""

import io
from pathlib import Path

import resvg_py
from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = str(FONTS / "DejaVuSans.ttf"), str(FONTS / "DejaVuSans-Bold.ttf")
BRAND, TEXT, MUTED, SOFT = "#7b1e21", "#1b1f24", "#525a63", "#f4f6f8"


def svg_to_png(svg, *, zoom=1.5):
    """A PNG of an SVG drawn by `publications.svg`, at `zoom` for sharp text on paper and in articles."""
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            zoom=zoom,
            background="#ffffff",
            skip_system_fonts=True,
            font_files=[REGULAR, BOLD],
            font_family="DejaVu Sans",
            sans_serif_family="DejaVu Sans",
        )
    )


def _font(path, size):
    return ImageFont.truetype(path, size)


def _wrap(draw, text, font, width, lines):
    """`text` in at most `lines` lines of `width` pixels, the last one ended by "…" when cut."""
    words, out, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            out.append(line)
        line = word
        if len(out) == lines:
            break
    if line and len(out) < lines:
        out.append(line)
    if len(out) == lines and " ".join(out) != " ".join(words):
        last = out[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out


def preview_image(*, heading, title, figures, band=None, band_colour=None, footer=""):
    """A 1200 × 630 PNG: `heading` (small, above), `title` (the unit or the decision), `figures` [(label, value)],
    a band badge, and `footer` (the source)."""
    image = Image.new("RGB", (1200, 630), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 18), fill=BRAND)
    x, y = 64, 62
    small, big = _font(REGULAR, 30), _font(BOLD, 60)
    for line in _wrap(draw, heading, small, 1072, 2):
        draw.text((x, y), line, font=small, fill=MUTED)
        y += 40
    y += 14
    for line in _wrap(draw, title, big, 1072, 2):
        draw.text((x, y), line, font=big, fill=TEXT)
        y += 74
    y = max(y + 24, 330)
    label_font, value_font = _font(REGULAR, 28), _font(BOLD, 54)
    column = x
    for label, value in figures:
        width = max(draw.textlength(value, font=value_font), draw.textlength(label, font=label_font)) + 40
        draw.rounded_rectangle((column - 16, y - 12, column + width - 24, y + 118), radius=10, fill=SOFT)
        draw.text((column, y), label, font=label_font, fill=MUTED)
        draw.text((column, y + 42), value, font=value_font, fill=TEXT)
        column += width + 8
    if band:
        badge_font = _font(BOLD, 40)
        width = draw.textlength(band, font=badge_font) + 48
        if column + width > 1140:
            column, y = x, y + 140
        draw.rounded_rectangle((column, y + 20, column + width, y + 96), radius=10, fill=band_colour or MUTED)
        draw.text((column + 24, y + 36), band, font=badge_font, fill="#ffffff")
    if footer:
        foot = _font(REGULAR, 24)
        draw.text((x, 570), _wrap(draw, footer, foot, 1072, 1)[0], font=foot, fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
