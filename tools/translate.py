"""Fill Vietnamese translations into locale/vi/LC_MESSAGES/django.po from a JSON file of {msgid: msgstr}.

Used after `make messages` adds new messages: `python tools/translate.py new.json`. Entries given
lose their "fuzzy" flag; `--missing` lists the messages still without a translation.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def main(argv):
    po = polib.pofile(str(PO), wrapwidth=79)
    if argv and argv[0] == "--missing":
        for entry in po:
            empty = not entry.msgstr and not any(entry.msgstr_plural.values())
            if not entry.obsolete and (empty or "fuzzy" in entry.flags):
                print(json.dumps(entry.msgid, ensure_ascii=False))
        return 0
    translations = json.loads(Path(argv[0]).read_text())
    for entry in po:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
