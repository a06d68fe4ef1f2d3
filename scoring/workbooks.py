"""Writing spreadsheets that are safe to open: text stays text, sheet names fit Excel's rules.

A downloaded CSV or XLSX is opened in Excel or LibreOffice, which run formulas. Text that comes
from an edition (a unit's name, a band label) must never become one: in XLSX, text cells are
written as strings whatever they start with; in CSV, text starting with "=", "+", "-", "@", a tab
or a carriage return is prefixed with an apostrophe, as OWASP recommends ("CSV injection").
"""

import re

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The abbreviations of Vietnamese administrative writing, used (in this order) when a sheet name is too long.
ABBREVIATIONS = [("Ủy ban nhân dân", "UBND"), ("Uỷ ban nhân dân", "UBND"), ("thành phố", "TP"), ("thị xã", "TX")]


def csv_text(value):
    """Return a CSV cell's text, neutralised if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def append_row(sheet, values):
    """Append a row to an openpyxl sheet, every str written as a string (never as a formula)."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type != "s":
            cell.data_type = "s"


def sheet_title(name, used):
    """Return a sheet name Excel accepts (31 characters, no []:*?/\\), unique among `used` (which it joins).

    A name longer than 31 characters is cut at the last word boundary that fits, never mid-word.
    """
    title = re.sub(r"[\[\]:*?/\\]", " ", name).strip()
    for long, short in ABBREVIATIONS:
        if len(title) <= 31:
            break
        title = re.sub(long, short, title, flags=re.IGNORECASE)
    title = _cut(title, 31) or "Khoi"
    base, n = title, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = _cut(base, 31 - len(suffix)) + suffix
        n += 1
    used.add(title.lower())
    return title


def _cut(text, width):
    """Return `text` cut to `width` characters at a word boundary (mid-word only for a single long word)."""
    if len(text) <= width:
        return text
    head = text[: width + 1]
    space = head.rfind(" ")
    cut = head[:space] if space > 0 else text[:width]
    return cut.rstrip(" ,;.-–")


def table_sheet(sheet, header, rows, *, name_column, name_width=40):
    """Write a table of units on a sheet as people read it in Excel: bold wrapped headings, decimals shown with 2
    places, the figures from the column after the names 12 wide, headings and names frozen, a filter on the headings.
    `name_column` is the 1-based column of the unit names."""
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        append_row(sheet, row)
    for column in range(name_column + 1, len(header) + 1):
        letter = get_column_letter(column)
        for cell in sheet[letter][1:]:
            if cell.value is not None and not isinstance(cell.value, str | int):
                cell.number_format = "0.00"
        sheet.column_dimensions[letter].width = 12
    sheet.column_dimensions[get_column_letter(name_column)].width = name_width
    sheet.freeze_panes = f"{get_column_letter(name_column + 1)}2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
