"""The one computation, against hand-worked cases."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.models import F as models_F
from django.test.utils import CaptureQueriesContext

from scoring.results import competition_ranks, compute_results, edition_results
from scoring.writes import publish
from tests.factories import COMMON_BANDS, edition_doc, make_edition, unit

pytestmark = pytest.mark.django_db


def test_it_sums_leaves_into_groups_and_totals():
    edition = make_edition({"A": {"1.1": "5.25", "1.2": "3", "2": "8.5"}})
    result = edition_results(edition).unit("A")
    assert (result.score, result.max, result.percent) == (D("16.75"), D("20.00"), D("83.75"))
    assert [(g.code, g.score, g.max) for g in result.groups] == [("1", D("8.25"), D("10")), ("2", D("8.5"), D("10"))]


def test_it_rounds_the_percent_half_up():
    # 44.9 / 80 = 56.125 → 56.13 (half up), not 56.12 (half even).
    tree = [{"code": "1", "name": "Một", "max": "80"}]
    edition = make_edition({"A": {"1": "44.9"}}, tree=tree)
    assert edition_results(edition).unit("A").percent == D("56.13")


def test_it_leaves_not_assessed_criteria_out_of_score_and_max():
    edition = make_edition({"A": {"1.1": "5", "1.2": None, "2": "9"}})
    result = edition_results(edition).unit("A")
    assert (result.score, result.max, result.percent) == (D("14.00"), D("16.00"), D("87.50"))
    assert result.groups[0].max == D("6")


def test_it_ranks_by_percent_not_by_points():
    # Tây Ninh 2023: 69,25 of an applicable 71,5 (96,85%) ranks above 94,43 of 100.
    tree = [
        {"code": "1", "name": "Một", "max": "71.5"},
        {"code": "2", "name": "Hai", "max": "28.5"},
    ]
    edition = make_edition({"VP": {"1": "69.25", "2": None}, "SO": {"1": "70", "2": "24.43"}}, tree=tree)
    block = edition_results(edition).blocks[0]
    assert [(u.code, u.rank, u.percent) for u in block.units] == [("VP", 1, D("96.85")), ("SO", 2, D("94.43"))]


def test_it_ranks_by_score_when_the_edition_says_so():
    tree = [{"code": "1", "name": "Một", "max": "71.5"}, {"code": "2", "name": "Hai", "max": "28.5"}]
    edition = make_edition(
        {"VP": {"1": "69.25", "2": None}, "SO": {"1": "70", "2": "24.43"}}, tree=tree, rank_by="score"
    )
    assert [u.code for u in edition_results(edition).blocks[0].units] == ["SO", "VP"]


def test_equal_values_share_a_rank_and_the_next_rank_skips():
    edition = make_edition(
        {
            "D": {"1.1": "1"},
            "B": {"1.1": "5", "2": "5"},
            "A": {"1.1": "6", "1.2": "4", "2": "8"},
            "C": {"1.1": "5", "2": "5"},
        }
    )
    block = edition_results(edition).blocks[0]
    assert [(u.code, u.rank, u.of) for u in block.units] == [("A", 1, 4), ("B", 2, 4), ("C", 2, 4), ("D", 4, 4)]


def test_ties_compare_the_rounded_percent():
    # 2 / 3 = 66.666…% and 66.67 / 100 = 66.67% differ before rounding but both are 66.67%.
    tree = [{"code": "1", "name": "Một", "max": "3"}, {"code": "2", "name": "Hai", "max": "97"}]
    edition = make_edition({"A": {"1": "2", "2": None}, "B": {"1": "1.67", "2": "65"}}, tree=tree)
    units = edition_results(edition).blocks[0].units
    assert [(u.percent, u.rank) for u in units] == [(D("66.67"), 1), (D("66.67"), 1)]


def test_units_of_equal_rank_are_listed_by_name():
    edition = make_edition({"Z": {"1.1": "3"}, "Y": {"1.1": "3"}})
    doc_names = [u.name for u in edition_results(edition).blocks[0].units]
    assert doc_names == ["Đơn vị Y", "Đơn vị Z"]


def test_the_band_comes_from_the_rounded_percent():
    # 1799.9 / 2000 = 89.995% rounds to 90.00%: Xuất sắc; 1799.7 / 2000 = 89.985% → 89.99%: Tốt.
    tree = [{"code": "1", "name": "Một", "max": "2000"}]
    edition = make_edition({"A": {"1": "1799.9"}, "B": {"1": "1799.7"}}, tree=tree)
    results = edition_results(edition)
    assert (results.unit("A").percent, results.unit("A").band) == (D("90.00"), "Xuất sắc")
    assert (results.unit("B").percent, results.unit("B").band) == (D("89.99"), "Tốt")


def test_a_block_with_its_own_bands_uses_only_those():
    doc = edition_doc(
        blocks=[("so", {"A": {"1.1": "6", "1.2": "4", "2": "7"}}), ("huyen", {"H": {"1.1": "6", "1.2": "4", "2": "7"}})]
    )
    doc["blocks"][1]["bands"] = [{"label": "Nhóm I", "min_percent": "80"}, {"label": "Nhóm II", "min_percent": "0"}]
    from scoring.importing import import_edition

    results = edition_results(import_edition(document=doc))
    assert results.unit("A").band == "Tốt"
    assert results.unit("H").band == "Nhóm I"
    assert results.block("huyen").band_counts == {"Nhóm I": 1}


def test_band_counts_list_bands_that_have_units_highest_first():
    edition = make_edition(
        {
            "A": {"1.1": "6", "1.2": "4", "2": "8"},
            "B": {"1.1": "6", "1.2": "4", "2": "4"},
            "C": {"1.1": "6", "1.2": "4", "2": "8"},
        }
    )
    assert edition_results(edition).blocks[0].band_counts == {"Xuất sắc": 2, "Khá": 1}
    assert list(edition_results(edition).blocks[0].band_counts) == ["Xuất sắc", "Khá"]


def test_the_head_rating_is_the_units_own_else_the_bands():
    doc = edition_doc(
        {"A": {"1.1": "6", "1.2": "4", "2": "8"}, "B": {"1.1": "6", "1.2": "4", "2": "8"}, "C": {"1.1": "1"}},
        head_ratings={"Xuất sắc": "Hoàn thành xuất sắc nhiệm vụ"},
    )
    unit(doc, "B")["head_rating"] = "Hoàn thành tốt nhiệm vụ"
    from scoring.importing import import_edition

    results = edition_results(import_edition(document=doc))
    assert results.unit("A").head_rating == "Hoàn thành xuất sắc nhiệm vụ"
    assert results.unit("B").head_rating == "Hoàn thành tốt nhiệm vụ"
    assert results.unit("C").head_rating is None


def test_a_unit_with_nothing_assessed_has_no_percent_and_ranks_last():
    edition = make_edition({"A": {"1.1": None, "1.2": None, "2": None}, "B": {"1.1": "1"}})
    results = edition_results(edition)
    assert (results.unit("A").percent, results.unit("A").band, results.unit("A").rank) == (None, None, 2)


class TestPrevious:
    def test_it_finds_the_previous_rank_and_percent_by_code(self):
        make_edition({"A": {"1.1": "6"}, "B": {"1.1": "3"}}, slug="thu-2022", year=2022)
        edition = make_edition({"A": {"1.1": "1"}, "B": {"1.1": "2"}}, slug="thu-2023", year=2023)
        results = edition_results(edition)
        assert (results.unit("A").previous_rank, results.unit("A").previous_percent) == (1, D("30.00"))
        assert (results.unit("B").previous_rank, results.unit("B").rank_change) == (2, 1)
        assert results.previous_year == 2022

    def test_it_follows_a_unit_through_a_rename(self):
        make_edition({"OLD": {"1.1": "6"}, "X": {"1.1": "6", "2": "5"}}, slug="thu-2024", year=2024)
        doc = edition_doc({"NEW": {"1.1": "1"}}, slug="thu-2025", year=2025)
        unit(doc, "NEW")["predecessors"] = ["OLD"]
        from scoring.importing import import_edition

        result = edition_results(import_edition(document=doc)).unit("NEW")
        assert (result.previous_rank, result.previous_percent) == (2, D("30.00"))

    def test_a_merger_of_two_units_with_results_has_no_previous(self):
        make_edition({"P": {"1.1": "6"}, "Q": {"1.1": "6", "2": "1"}}, slug="thu-2024", year=2024)
        doc = edition_doc({"PQ": {"1.1": "1"}, "PZ": {"1.1": "1"}}, slug="thu-2025", year=2025)
        unit(doc, "PQ")["predecessors"] = ["P", "Q"]
        unit(doc, "PZ")["predecessors"] = ["P", "Z-NEVER-SCORED"]
        from scoring.importing import import_edition

        results = edition_results(import_edition(document=doc))
        assert results.unit("PQ").previous_rank is None
        assert results.unit("PZ").previous_rank == 2  # exactly one predecessor has a result

    def test_it_compares_with_the_latest_earlier_year_of_the_same_authority_and_index(self):
        make_edition({"A": {"1.1": "1"}}, slug="thu-2020", year=2020)
        make_edition({"A": {"1.1": "2"}}, slug="thu-2022", year=2022)
        make_edition({"A": {"2": "9"}}, slug="khac-2022", year=2022, authority="UBND tỉnh Khác")
        make_edition({"A": {"1.1": "4"}}, slug="thu-2023-service", year=2022, index="service")
        edition = make_edition({"A": {"1.1": "5"}}, slug="thu-2023", year=2023)
        assert edition_results(edition).unit("A").previous_percent == D("10.00")

    def test_a_published_edition_keeps_the_comparison_it_was_published_with(self):
        make_edition({"A": {"1.1": "2"}}, slug="thu-2022", year=2022)
        edition = make_edition({"A": {"1.1": "5"}}, slug="thu-2023", year=2023)
        publish(historical=True, edition=edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 10))
        make_edition({"A": {"1.1": "6", "1.2": "2"}}, slug="thu-2022", year=2022)  # the draft is replaced later
        edition.refresh_from_db()
        assert edition_results(edition).unit("A").previous_percent == D("10.00")
        assert compute_results(edition).unit("A").previous_percent == D("40.00")


def test_frozen_results_equal_the_computed_ones():
    edition = make_edition(
        blocks=[("so", {"A": {"1.1": "6", "2": "7.5"}, "B": {"1.1": "2", "1.2": None}}), ("x", {"C": {"2": "1"}})]
    )
    computed = compute_results(edition)
    publish(historical=True, edition=edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 10))
    edition.refresh_from_db()
    frozen = edition_results(edition)
    assert frozen.blocks == computed.blocks


def test_competition_ranks():
    assert competition_ranks([90, 85, 85, 70]) == [1, 2, 2, 4]
    assert competition_ranks([1, 3, 3, 3, 2]) == [5, 1, 1, 1, 4]
    assert competition_ranks([]) == []


def _queries(edition):
    with CaptureQueriesContext(connection) as ctx:
        edition_results(edition)
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_edition():
    small = make_edition({"A": {"1.1": "1"}}, slug="nho-2023")
    many = {f"U{i}": {"1.1": str(i % 6), "2": str(i % 10)} for i in range(200)}
    large = make_edition(blocks=[("so", many), ("huyen", {f"H{i}": {"1.2": "1"} for i in range(50)})], slug="lon-2023")
    assert _queries(small) == _queries(large) <= 12


def test_the_number_of_queries_of_a_published_edition_does_not_grow_either():
    small = make_edition({"A": {"1.1": "1"}}, slug="nho-2023")
    large = make_edition({f"U{i}": {"1.1": str(i % 6)} for i in range(300)}, slug="lon-2023")
    for edition in (small, large):
        publish(historical=True, edition=edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 10))
        edition.refresh_from_db()
    assert _queries(small) == _queries(large) <= 6


def test_it_is_computed_by_the_database_not_by_loading_every_score():
    edition = make_edition({f"U{i}": {"1.1": "1"} for i in range(30)})
    with CaptureQueriesContext(connection) as ctx:
        compute_results(edition)
    score_queries = [q["sql"].upper() for q in ctx.captured_queries if "scoring_score" in q["sql"]]
    assert len(score_queries) == 2  # the points, and the maxima of what is not assessed
    assert all("SUM(" in sql and "GROUP BY" in sql for sql in score_queries)


def test_bands_are_the_editions_when_the_common_scale_is_used():
    edition = make_edition({"A": {"1.1": "1"}})
    assert [b.label for b in edition_results(edition).blocks[0].bands] == [b["label"] for b in COMMON_BANDS]


def test_groups_added_moved_or_removed_keep_each_score_in_its_own_group():
    """Each unit's points per group follow the criteria tree as it is now, whatever was edited since import."""
    from scoring.models import Criterion

    edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}})
    criteria_set = edition.criteria_sets.get()
    # A new first group, before the two imported ones: the others move one place along.
    new = Criterion.objects.create(criteria_set=criteria_set, code="0", name="Nhóm mới", max_points=D(5), position=0)
    Criterion.objects.filter(criteria_set=criteria_set).exclude(pk=new.pk).update(position=models_F("position") + 1)
    criteria_set.renumber_scores()
    groups = {g.code: (g.score, g.max) for g in compute_results(edition).unit("A").groups}
    assert groups == {"0": (D(0), D(5)), "1": (D(8), D(10)), "2": (D(8), D(10))}
    # Moving group 2 before group 1 (group 1's subtree further down, then group 2 saved in its new place).
    Criterion.objects.filter(criteria_set=criteria_set, group__code="1").update(position=models_F("position") + 10)
    second = Criterion.objects.get(criteria_set=criteria_set, code="2")
    second.position = 1
    second.save()
    first = compute_results(edition).unit("A")
    assert [(g.code, g.score) for g in first.groups] == [("0", D(0)), ("2", D(8)), ("1", D(8))]
    # Removing the new group: the score is what it was.
    new.delete()
    result = compute_results(edition).unit("A")
    assert [(g.code, g.score) for g in result.groups] == [("2", D(8)), ("1", D(8))]
    assert (result.score, result.max, result.percent) == (D(16), D(20), D(80))
