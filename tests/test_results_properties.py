"""Properties of the computation that must hold for any edition (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.importing import import_edition
from scoring.models import Edition
from scoring.points import percent_of
from scoring.results import competition_ranks, edition_results
from tests.factories import LEAVES, edition_doc

MAXIMA = {"1.1": 600, "1.2": 400, "2": 1000}  # in hundredths, as in tests.factories.TREE


@given(st.lists(st.integers(min_value=0, max_value=20), max_size=30))
def test_a_rank_is_one_more_than_the_number_of_better_values(values):
    ranks = competition_ranks(values)
    for value, rank in zip(values, ranks, strict=True):
        assert rank == 1 + sum(1 for other in values if other > value)
        assert 1 <= rank <= len(values)


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=10**7))
def test_percent_is_rounded_half_up(score_cents, max_cents):
    # score / max × 100 in hundredths is 10000 × score / max; half up is floor((2a + b) / 2b).
    a, b = 10000 * score_cents, max_cents
    expected = Decimal((2 * a + b) // (2 * b)) / 100
    assert percent_of(Decimal(score_cents) / 100, Decimal(max_cents) / 100) == expected


score_cents = st.one_of(st.none(), st.integers(min_value=0, max_value=400))
unit_scores = st.fixed_dictionaries({leaf: score_cents for leaf in LEAVES})
blocks = st.dictionaries(st.sampled_from("ABCDEFGH"), unit_scores, min_size=1, max_size=8)


def _doc(units):
    return edition_doc(
        {
            code: {leaf: None if v is None else str(Decimal(v) / 100) for leaf, v in scores.items()}
            for code, scores in units.items()
        },
        slug="prop-2023",
    )


def _results(units):
    Edition.objects.filter(slug="prop-2023").delete()
    return edition_results(import_edition(document=_doc(units)))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks)
def test_ranks_never_exceed_the_block_and_equal_percentages_share_a_rank(units):
    [block] = _results(units).blocks
    for unit in block.units:
        assert 1 <= unit.rank <= unit.of == len(units)
        for other in block.units:
            if other.percent == unit.percent:
                assert other.rank == unit.rank
            elif (other.percent or Decimal(-1)) > (unit.percent or Decimal(-1)):
                assert other.rank < unit.rank
    assert [u.rank for u in block.units] == sorted(u.rank for u in block.units)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks, st.data())
def test_adding_points_never_lowers_a_rank(units, data):
    code = data.draw(st.sampled_from(sorted(units)))
    leaf = data.draw(st.sampled_from([leaf for leaf, v in units[code].items() if v is not None] or ["none"]))
    if leaf == "none":
        return
    before = _results(units).unit(code)
    room = MAXIMA[leaf] - units[code][leaf]
    extra = data.draw(st.integers(min_value=0, max_value=max(0, room)))
    better = {**units, code: {**units[code], leaf: units[code][leaf] + extra}}
    after = _results(better).unit(code)
    assert after.score >= before.score
    assert after.rank <= before.rank
