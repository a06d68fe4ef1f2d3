"""Writing spreadsheets that are safe to open: text stays text, sheet names fit Excel's rules.

A downloaded CSV or XLSX is opened in Excel or LibreOffice, which run formulas. Text that comes
from an edition (a unit's name, a band label) must never become one: in XLSX, text cells are
written as strings whatever they start with; in CSV, text starting with "=", "+", "-", "@", a tab
or a carriage return is prefixed with an apostrophe, as OWASP recommends ("CSV injection").
"""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    """Return a sheet name Excel accepts (31 characters, no []:*?/\\), unique among `used` (which it joins)."""
    title = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Khoi"
    base, n = title, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title
