"""The Vietnamese catalogue: every message translated, its placeholders kept, and the compiled file current.

A reader of the portal sees these sentences; a missing translation shows English in the middle of a
Vietnamese page, a lost placeholder shows a sentence without its figure, and a stale .mo shows
yesterday's wording.
"""

import re
from pathlib import Path

import polib
import pytest

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES"
PO = polib.pofile(str(CATALOGUE / "django.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def _names(text):
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def test_every_message_has_a_vietnamese_translation():
    missing = [entry.msgid for entry in PO if not entry.obsolete and not entry.translated()]
    assert missing == []
    assert [entry.msgid for entry in PO if "fuzzy" in entry.flags] == []


@pytest.mark.parametrize("entry", [e for e in PO if "python-format" in e.flags], ids=lambda e: e.msgid[:40])
def test_a_translation_keeps_every_figure_of_its_sentence(entry):
    wanted = _names(entry.msgid) | _names(entry.msgid_plural or "")
    translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
    for text in translations:
        # Vietnamese has one plural form: it must carry every figure of both English forms.
        assert _names(text) == wanted, text


def test_the_compiled_catalogue_is_the_one_written():
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(CATALOGUE / "django.mo"))}
    for entry in PO.translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"not compiled (run make messages): {entry.msgid}"
        if entry.msgid_plural:
            assert found.msgstr_plural == entry.msgstr_plural, entry.msgid
        else:
            assert found.msgstr == entry.msgstr, entry.msgid
