"""The score sheet as a person uses it, counted in Chromium at 1366×768.

    .venv/bin/python bench/scoresheet.py                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/scoresheet.py

A 100-criterion framework with maxima as provinces write them (0,25 to 3 points), one unit in
self-assessment, the portal under gunicorn in production mode. Prints:

1. the first screen: how many criteria are wholly in view with their names whole, the width of
   the criterion column, and whether the page scrolls sideways;
2. typing the unit's 100 self-assessed scores (most at the maximum, some lower, as units do),
   Enter moving down: the keystrokes it takes, and that the 100 were saved;
3. pasting the same column from Excel into the first cell: the keystrokes it takes;
4. the time of the sheet's page and of its save, as the browser saw them.

It asserts nothing.
"""

import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, FLAGS  # noqa: E402
from tests.processes import Gunicorn, fresh_database_url, manage, portal_env  # noqa: E402

PASSWORD = "bench-password-2025"
SLUG = "do-bang-diem-2025"
MAXIMA = ["1", "0.5", "2", "1.5", "1", "3", "0.5", "1", "2", "0.25"]


def framework():
    """8 groups, 100 criteria, and what a unit enters: the maximum mostly, less where it fell short."""
    rng = random.Random(2025)
    groups, values = [], []
    sizes = [13, 12, 13, 12, 13, 12, 13, 12]
    for g, size in enumerate(sizes, start=1):
        children = []
        for i in range(1, size + 1):
            maximum = MAXIMA[(g * 7 + i) % len(MAXIMA)]
            children.append({"code": f"{g}.{i}", "name": f"Tiêu chí thành phần {g}.{i}: thực hiện kế hoạch CCHC",
                             "max": maximum})  # fmt: skip
            full = maximum.replace(".", ",")
            values.append(full if rng.random() < 0.8 else ("0" if rng.random() < 0.5 else "0,25"))
        groups.append({"code": str(g), "name": f"Nhóm tiêu chí {g}", "children": children})
    return groups, values


def document(groups):
    scores = [
        {"unit": unit, "criterion": leaf["code"], "score": "0"}
        for unit in ("A", "B")
        for group in groups
        for leaf in group["children"]
    ]
    return {
        "format": "parindex-edition/1", "slug": SLUG,
        "authority": {"name": "UBND tỉnh Đo Bảng Điểm", "level": "province", "province": "Đo"},
        "index": "cchc", "year": 2025, "title": "Chỉ số cải cách hành chính năm 2025",
        "bands": [{"label": "Tốt", "min_percent": "80"}, {"label": "Khá", "min_percent": "0"}],
        "criteria_sets": {"chung": groups},
        "blocks": [{"code": "so", "name": "Sở, ban, ngành", "criteria_set": "chung",
                    "units": [{"code": "A", "name": "Sở Nội vụ"}, {"code": "B", "name": "Sở Tư pháp"}]}],
        "scores": scores,
    }  # fmt: skip


def main():
    from playwright.sync_api import sync_playwright

    groups, values = framework()
    tmp = Path(tempfile.mkdtemp(prefix="parindex-bench-sheet-"))
    env = portal_env(tmp, DATABASE_URL=fresh_database_url(tmp, "parindex_bench_sheet"), SECRET_KEY="bench-only")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    path = tmp / "edition.json"
    path.write_text(json.dumps(document(groups), ensure_ascii=False), encoding="utf-8")
    manage(env, "import_edition", str(path))
    manage(env, "shell", "-c",
           "from django.contrib.auth.models import User\n"
           f"User.objects.create_user('bao', password={PASSWORD!r})\n"
           "from scoring import writes\nfrom scoring.cycle import ANYONE\nfrom scoring.models import Edition\n"
           f"writes.take_step(edition=Edition.objects.get(slug={SLUG!r}), action='open_self_assessment',"
           " user=None, roles=ANYONE)\n")  # fmt: skip
    for unit in ("A", "B"):
        manage(env, "grant", "bao", "reporter", "--authority", "ubnd-tinh-do-bang-diem", "--unit", unit)

    with Gunicorn(env, tmp) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(server.url + "/quan-ly/dang-nhap/")
        page.fill("#id_username", "bao")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")

        started = time.perf_counter()
        page.goto(f"{server.url}/quan-ly/{SLUG}/don-vi/A/")
        page_seconds = time.perf_counter() - started
        first = page.evaluate(
            """() => {
                 const cells = [...document.querySelectorAll('tr.leaf td.criterion')];
                 const whole = cells.filter(td => { const r = td.getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight && td.scrollWidth <= td.clientWidth; });
                 return {criteria: whole.length, width: cells[0].getBoundingClientRect().width,
                         sideways: document.documentElement.scrollWidth > window.innerWidth};
               }"""
        )
        print("1. First screen at 1366×768")
        print(f"   criteria wholly in view, names whole: {first['criteria']}")
        print(f"   criterion column: {first['width']:.0f} px; page scrolls sideways: {first['sideways']}")

        inputs = page.locator("input[data-field=self_points]")
        keystrokes = 0
        inputs.first.click()  # one click into the first cell
        for value in values:
            page.keyboard.type(value)
            page.keyboard.press("Enter")
            keystrokes += len(value) + 1
        started = time.perf_counter()
        page.locator("#save").click()  # one click on Save
        try:
            page.wait_for_selector(".message", timeout=15000)
        except Exception:
            page.screenshot(path="/tmp/bench-sheet-failed.png")
            print(page.locator(".errorlist").all_inner_texts()[:3], flush=True)
            raise
        save_seconds = time.perf_counter() - started
        saved = page.locator(".message").inner_text()
        print("2. Typing 100 self-assessed scores, Enter moving down")
        print(f"   keystrokes: {keystrokes} (and 2 clicks: the first cell, Save); {saved}")

        page.goto(f"{server.url}/quan-ly/{SLUG}/don-vi/B/")
        page.evaluate("text => navigator.clipboard.writeText(text)", "\n".join(values))
        page.locator("input[data-field=self_points]").first.click()
        page.keyboard.press("Control+V")
        page.locator("#save").click()
        page.wait_for_selector(".message")
        print("3. Pasting the column from Excel into the first cell")
        print(f"   keystrokes: 1 (Ctrl+V; and 2 clicks); {page.locator('.message').inner_text()}")
        print("4. Time, as the browser saw it")
        print(f"   the sheet's page: {page_seconds * 1000:.0f} ms; saving 100 scores: {save_seconds * 1000:.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
