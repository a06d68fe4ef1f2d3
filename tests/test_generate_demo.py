"""`generate_demo`: a realistic national data set, with the 2025 reorganisation."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scoring.models import Authority, Criterion, Edition, Score, Unit
from scoring.results import edition_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("generate_demo", "--authorities", "2", "--units-per-block", "9", "--years", "3", verbosity=0)
    return Edition.objects.order_by("authority__name", "year")


def test_it_creates_editions_per_authority_and_year(demo):
    assert demo.count() == 6
    assert Authority.objects.filter(name__endswith="(mô phỏng)").count() == 2
    assert sorted({e.year for e in demo}) == [2023, 2024, 2025]
    assert [e.is_published for e in demo if e.authority == demo[0].authority] == [True, True, False]


def test_each_criteria_set_has_eight_groups_and_100_leaves_worth_100_points(demo):
    edition = demo[0]
    for criteria_set in edition.criteria_sets.all():
        groups = Criterion.objects.filter(criteria_set=criteria_set, parent=None)
        leaves = Criterion.objects.filter(criteria_set=criteria_set, is_leaf=True)
        assert groups.count() == 8
        assert leaves.count() == 100
        assert sum(leaf.max_points for leaf in leaves) == 100


def test_every_unit_is_scored_on_every_leaf(demo):
    edition = demo[0]
    assert Score.objects.filter(unit__edition=edition).count() == Unit.objects.filter(edition=edition).count() * 100


def test_2025_has_no_district_block_and_follows_units_through_mergers(demo):
    e2024, e2025 = demo[1], demo[2]
    assert [b.code for b in e2024.blocks.all()] == ["so", "nganh-doc", "huyen", "xa"]
    assert [b.code for b in e2025.blocks.all()] == ["so", "nganh-doc", "xa"]
    results = edition_results(e2025)
    xa = results.block("xa").units
    renamed = [u for u in xa if len(u.predecessor_codes) == 1]
    merged = [u for u in xa if len(u.predecessor_codes) == 2]
    assert renamed
    assert merged
    assert all(u.previous_rank is not None for u in renamed)
    assert all(u.previous_rank is None for u in merged)  # two predecessors with results: no single match
    assert all(u.of == 9 for u in xa)


def test_the_results_look_real(demo):
    percents = [u.percent for u in edition_results(demo[0]).units()]
    assert 60 < sum(percents) / len(percents) < 95
    assert len(set(percents)) > len(percents) // 2


def test_running_it_again_keeps_what_exists(demo):
    call_command("generate_demo", "--authorities", "2", "--units-per-block", "9", "--years", "3", verbosity=0)
    assert Edition.objects.count() == 6


def test_it_refuses_nonsense_sizes():
    with pytest.raises(CommandError):
        call_command("generate_demo", "--authorities", "0")
    with pytest.raises(CommandError):
        call_command("generate_demo", "--units-per-block", "100000")
