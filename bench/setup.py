"""Setting up a year, timed.

    .venv/bin/python bench/setup.py                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/setup.py

Prints:

1. copying an edition of 130 units × 100 criteria into the next year's draft (`copy_edition`),
   median of 3 (aim: under 2 s);
2. the framework editor of a 120-criterion set: its page (GET) and a save that changes two maxima
   (POST), in-process through Django's test client, median of 5 (aim: under 300 ms);
3. proposing the predecessors of all the country's communes since 1 July 2025 from the official
   conversion of the old ones (`scoring.official.all_conversions`), median of 3 (aim: under 5 s).

It asserts nothing.
"""

import random
import time

from common import setup_django, timed


def make_source(units=130, leaves=100):
    """A published edition of `units` units over one 100-criterion set, in two blocks."""
    from scoring.importing import import_edition
    from scoring.writes import publish

    rng = random.Random(2026)
    sizes = [13, 12, 13, 12, 13, 12, 13, 12]
    tree, codes = [], []
    for g, size in enumerate(sizes, start=1):
        children = [
            {"code": f"{g}.{i}", "name": f"Tiêu chí thành phần {g}.{i}", "max": "1"} for i in range(1, size + 1)
        ]
        codes += [c["code"] for c in children]
        tree.append({"code": str(g), "name": f"Lĩnh vực {g}", "children": children})
    assert len(codes) == leaves
    blocks = [("so", range(0, 30)), ("xa", range(30, units))]
    document = {
        "format": "parindex-edition/1", "slug": "do-thiet-lap-2025", "index": "cchc", "year": 2025,
        "authority": {"name": "UBND tỉnh Đo Thiết Lập", "level": "province", "province": "Đo Thiết Lập"},
        "title": "Chỉ số cải cách hành chính năm 2025", "bands": [{"label": "Tốt", "min_percent": "80"},
                                                                 {"label": "Khá", "min_percent": "0"}],
        "criteria_sets": {"chung": tree},
        "blocks": [{"code": code, "name": f"Khối {code}", "criteria_set": "chung",
                    "units": [{"code": f"U{k:03d}", "name": f"Đơn vị {k}"} for k in members]}
                   for code, members in blocks],
        "scores": [{"unit": f"U{k:03d}", "criterion": c, "score": str(rng.choice([0, 0.5, 1]))}
                   for k in range(units) for c in codes],
        "decision": {"number": "1/QĐ-UBND", "date": "2026-01-15"},
    }  # fmt: skip
    return publish(historical=True, edition=import_edition(document=document))


def main():
    url = setup_django("parindex_bench_setup")
    print(f"database: {url.split('@')[-1]}")
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    # In-process, without collectstatic: the pages name their static files plainly.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip

    from scoring import official, setup
    from scoring.models import Edition
    from workspace.roles import grant

    source = make_source()
    years = iter(range(2026, 2100))

    def copy():
        return setup.copy_edition(source=source, year=next(years))

    seconds, draft = timed(copy, 3)
    print(f"copy an edition of 130 units × 100 criteria: {seconds * 1000:.0f} ms (median of 3)")

    # A 120-criterion framework in the editor.
    rows = []
    for g in range(1, 9):
        rows.append(setup.FrameworkRow(str(g), f"Lĩnh vực {g}", ""))
        rows += [setup.FrameworkRow(f"{g}.{i}", f"Tiêu chí {g}.{i}", "1") for i in range(1, 15)]
    rows = rows[:120]
    criteria_set = draft.criteria_sets.get()
    setup.apply_framework(criteria_set=criteria_set, roots=setup.read_framework(rows))
    user = get_user_model().objects.create_user("bench-dieu-phoi")
    grant(username=user.username, kind="coordinator", authority_slug=draft.authority.slug)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    url = f"/quan-ly/{draft.slug}/thiet-lap/bo-tieu-chi/{criteria_set.pk}/"
    seconds, response = timed(lambda: client.get(url), 5)
    print(f"framework editor, {len(rows)} criteria: page {seconds * 1000:.0f} ms (status {response.status_code})")
    post = {"so-dong": str(len(rows))}
    for k, row in enumerate(rows):
        post[f"r{k}-code"], post[f"r{k}-name"], post[f"r{k}-max"] = row.code, row.name, row.max
    flip = iter(range(10_000))

    def save():
        value = "1" if next(flip) % 2 else "1.5"
        post["r1-max"] = post["r2-max"] = value
        return client.post(url, post)

    seconds, response = timed(save, 5)
    print(f"framework editor, {len(rows)} criteria: save changing two maxima {seconds * 1000:.0f} ms "
          f"(status {response.status_code})")  # fmt: skip

    official._old_communes()  # the data set opened once, as a running portal has it
    started = time.perf_counter()
    found = official.all_conversions()
    first = time.perf_counter() - started
    seconds, found = timed(official.all_conversions, 3)
    old = sum(len(v) for v in found.values())
    print(f"propose the predecessors of all {len(found):,} new communes from {old:,} old ones: "
          f"{seconds * 1000:.0f} ms (median of 3; first run {first * 1000:.0f} ms)")  # fmt: skip
    print(f"editions made: {Edition.objects.count()}")


if __name__ == "__main__":
    main()
