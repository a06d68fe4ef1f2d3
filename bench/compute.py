"""Benchmark the one computation at national scale, and the import of a large edition.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/compute.py

Creates its own database beside the one DATABASE_URL names (`parindex_bench`, dropped and made
again; a temporary file for SQLite), fills it with `generate_demo` (34 authorities × 5 years of
editions, 3 to 4 blocks × 43 units × 100 leaves ≈ 2,200,000 scores: every edition but the last
year's published, as in a portal that has run for years), then prints:

- the time to compute every edition's results from their scores with `scoring.results.compute_many`,
  each compared with its previous year, beside the time of one raw `SELECT unit_id, SUM(points) …
  GROUP BY unit_id` over the same rows (the floor: no computation can read the scores faster than
  the database sums them), and the ratio, run after run (medians of --repeat);
- the queries one edition's computation costs;
- the time to import one edition file of 30,000 scores.

It asserts nothing; it prints figures. Options: --authorities, --units-per-block, --years, --repeat.
"""

import argparse
import gc
import json
import time

from common import setup_django, timed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--authorities", type=int, default=34)
    parser.add_argument("--units-per-block", type=int, default=43)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-units", type=int, default=300, help="units of the imported edition (× 100 leaves)")
    args = parser.parse_args()

    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scoring.demo import generate_demo
    from scoring.exporting import edition_document
    from scoring.importing import import_edition
    from scoring.models import Edition, Score
    from scoring.results import compute_many, compute_results

    started = time.perf_counter()
    generate_demo(authorities=args.authorities, units_per_block=args.units_per_block, years=args.years)
    loaded = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # What generating the data left in memory is not part of what is measured: set aside from the
    # collector, as a server's start-up objects are once it has loaded (gc.freeze).
    gc.collect()
    gc.freeze()
    editions = list(Edition.objects.select_related("authority", "index"))
    rows = Score.objects.count()
    units = sum(e.units.count() for e in editions)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"data: {len(editions)} editions, {units} units, {rows} scores (generated in {loaded:.1f} s)")

    # Python's cycle collector runs when enough objects have been made, often after the code that
    # made them has returned (the computation holds it while it works): every measurement starts
    # from a collected heap, and the computation's ends with a full collection, so that what it
    # leaves behind is counted in it and not in the raw query measured after it.
    def collected(fn):
        def run():
            found = fn()
            gc.collect()
            return found

        return run

    @collected
    def compute_all():
        return list(compute_many(editions).values())

    @collected
    def compute_each():
        return [compute_results(edition) for edition in editions]

    def raw_sum():
        with connection.cursor() as cursor:
            cursor.execute("SELECT unit_id, SUM(points) FROM scoring_score GROUP BY unit_id")
            return cursor.fetchall()

    compute_all()  # warm the caches
    raw_sum()
    ratios = []
    for _ in range(args.repeat):  # the two measured in turn, so that both see the same machine
        one_compute, results = timed(compute_all, 1, before=gc.collect)
        one_raw, sums = timed(raw_sum, 1, before=gc.collect)
        ratios.append(one_compute / one_raw)
    t_compute, results = timed(compute_all, args.repeat, before=gc.collect)
    t_raw, sums = timed(raw_sum, args.repeat, before=gc.collect)
    with_previous = sum(1 for r in results if r.previous_year)
    t_each, _ = timed(compute_each, args.repeat, before=gc.collect)
    assert sum(len(list(r.units())) for r in results) == len(sums) == units
    print(f"compute all results:         {t_compute * 1000:8.1f} ms  (median of {args.repeat})")
    print(f"raw SUM ... GROUP BY unit:   {t_raw * 1000:8.1f} ms  (median of {args.repeat})")
    print(
        f"ratio compute / raw:         {t_compute / t_raw:8.2f} x  (run by run: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    print(f"compared with a previous year: {with_previous} of {len(results)} editions")
    print(f"one edition at a time:       {t_each * 1000:8.1f} ms  ({t_each / len(editions) * 1000:.1f} ms each)")
    with CaptureQueriesContext(connection) as ctx:
        compute_results(editions[0])
    print(f"queries per edition:         {len(ctx.captured_queries):8d}")

    # One edition file of 30,000 scores: a generated edition re-sized and exported.
    generate_demo(authorities=1, units_per_block=args.import_units // 3, years=1, seed=7, end_year=2030)
    big = Edition.objects.get(year=2030)
    document = edition_document(big)
    document["slug"] = "bench-import"
    text = json.dumps(document, ensure_ascii=False)
    n_scores = len(document["scores"])

    def do_import():
        return import_edition(document=text)

    t_import, _ = timed(do_import, 3)
    print(
        f"import one edition file:     {t_import * 1000:8.1f} ms  ({n_scores} scores, {len(text) / 1e6:.1f} MB, median of 3)"
    )


if __name__ == "__main__":
    main()
