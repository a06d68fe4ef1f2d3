"""`publish`: the decision is recorded, the results frozen, and no path can change them afterwards."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from scoring.models import (
    Band,
    Block,
    CriteriaSet,
    Criterion,
    Decision,
    Edition,
    FrozenEditionError,
    FrozenResult,
    Score,
    Unit,
)
from scoring.results import edition_results
from scoring.writes import PublishRefused, publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "1"}})
    return publish(
        historical=True, edition=edition, number="2649/QĐ-UBND", date=datetime.date(2023, 12, 12), signer="Chủ tịch"
    )


def test_it_publishes_with_the_decision(published):
    assert published.is_published
    assert published.published_at is not None
    assert (published.decision.number, published.decision.date) == ("2649/QĐ-UBND", datetime.date(2023, 12, 12))
    assert FrozenResult.objects.filter(edition=published).count() == 2


def test_it_uses_the_decision_recorded_by_the_import():
    edition = make_edition(decision={"number": "151/QĐ-UBND", "date": "2024-02-06"})
    edition = publish(historical=True, edition=edition)
    assert edition.decision.number == "151/QĐ-UBND"


def test_it_needs_a_decision_number():
    edition = make_edition()
    with pytest.raises(PublishRefused):
        publish(historical=True, edition=edition, date=datetime.date(2024, 1, 1))
    assert not Edition.objects.get().is_published
    assert not Decision.objects.exists()


def test_it_does_not_publish_twice(published):
    with pytest.raises(PublishRefused):
        publish(historical=True, edition=published, number="2/QĐ-UBND", date=datetime.date(2024, 1, 1))
    assert Decision.objects.get().number == "2649/QĐ-UBND"


class TestFrozen:
    """Every write path to a published figure is refused in the model layer."""

    def test_a_score_cannot_be_saved(self, published):
        score = Score.objects.filter(unit__edition=published).first()
        score.points = D("0")
        with pytest.raises(FrozenEditionError):
            score.save()

    def test_a_score_cannot_be_deleted(self, published):
        with pytest.raises(FrozenEditionError):
            Score.objects.filter(unit__edition=published).first().delete()

    def test_scores_cannot_be_updated_or_deleted_in_bulk(self, published):
        with pytest.raises(FrozenEditionError):
            Score.objects.filter(unit__edition=published).update(points=D("0"))
        with pytest.raises(FrozenEditionError):
            Score.objects.all().delete()

    def test_scores_cannot_be_added_or_bulk_updated(self, published):
        unit = Unit.objects.get(edition=published, code="B")
        extra = Criterion.objects.filter(criteria_set__edition=published, is_leaf=True).first()
        Score.objects.filter(unit=unit, criterion=extra).exists()
        with pytest.raises(FrozenEditionError):
            Score.objects.bulk_create([Score(unit=unit, criterion=extra, points=D("1"))])
        scores = list(Score.objects.filter(unit=unit))
        for s in scores:
            s.points = D("0")
        with pytest.raises(FrozenEditionError):
            Score.objects.bulk_update(scores, ["points"])

    def test_a_published_score_cannot_be_moved_to_a_draft_in_bulk(self, published):
        draft = make_edition({"B": {"1.1": "1"}}, slug="nhap-2024", year=2024)
        elsewhere = Unit.objects.get(edition=draft, code="B")
        scores = list(Score.objects.filter(unit__edition=published, unit__code="B"))
        for s in scores:  # in memory they belong to the draft; as stored, to the published edition
            s.unit = elsewhere
            s.points = D("0")
        with pytest.raises(FrozenEditionError), transaction.atomic():
            Score.objects.bulk_update(scores, ["unit", "points"], batch_size=1)
        assert edition_results(published).unit("B").score != 0

    @pytest.mark.parametrize("model", [Unit, Block, Band, CriteriaSet, Criterion, FrozenResult, Decision])
    def test_the_parts_cannot_be_changed(self, published, model):
        path = {"Criterion": "criteria_set__edition"}.get(model.__name__, "edition")
        obj = model.objects.filter(**{path: published}).first()
        with pytest.raises(FrozenEditionError):
            obj.save()
        with pytest.raises(FrozenEditionError):
            obj.delete()
        with pytest.raises(FrozenEditionError):
            model.objects.filter(pk=obj.pk).update(**{"pk": obj.pk})

    def test_the_edition_cannot_be_changed_unpublished_or_deleted(self, published):
        published.title = "Khác"
        with pytest.raises(FrozenEditionError):
            published.save()
        published.refresh_from_db()
        published.status = Edition.Status.DRAFT
        with pytest.raises(FrozenEditionError):
            published.save()
        with pytest.raises(FrozenEditionError):
            Edition.objects.filter(pk=published.pk).update(status=Edition.Status.DRAFT)
        with pytest.raises(FrozenEditionError):
            Edition.objects.filter(pk=published.pk).delete()
        with pytest.raises(FrozenEditionError):
            Edition.objects.get(pk=published.pk).delete()

    def test_a_unit_cannot_be_moved_into_a_published_edition(self, published):
        draft = make_edition(slug="khac-2023")
        unit = Unit.objects.get(edition=draft)
        unit.edition = published
        unit.block = published.blocks.first()
        with pytest.raises(FrozenEditionError):
            unit.save()

    def test_the_figures_are_unchanged_after_every_attempt(self, published):
        before = edition_results(published)
        for attempt in (
            lambda: Score.objects.filter(unit__edition=published).update(points=D("0")),
            lambda: Unit.objects.filter(edition=published).delete(),
            lambda: Band.objects.filter(edition=published).update(min_percent=D("0")),
        ):
            with pytest.raises(FrozenEditionError):
                attempt()
        published.refresh_from_db()
        assert edition_results(published).blocks == before.blocks

    def test_a_draft_is_not_frozen(self):
        draft = make_edition({"A": {"1.1": "1"}})
        Score.objects.filter(unit__edition=draft).update(points=D("2"))
        score = Score.objects.filter(unit__edition=draft).first()
        score.points = D("3")
        score.save()


class TestCommand:
    def test_it_publishes(self, capsys):
        make_edition()
        call_command("publish", "thu-2023-cchc", "--number", "2649/QĐ-UBND", "--date", "2023-12-12", "--signer", "X")
        assert "2649/QĐ-UBND" in capsys.readouterr().out
        assert Edition.objects.get().is_published
        assert Decision.objects.get().signer == "X"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["nope", "--number", "1", "--date", "2023-12-12"], "nope"),
            (["thu-2023-cchc", "--number", "1", "--date", "12-12-2023x"], "12-12-2023x"),
            (["thu-2023-cchc", "--date", "2023-12-12"], "cần có số"),
            (["thu-2023-cchc", "--number", " ", "--date", "2023-12-12"], "--number"),
        ],
    )
    def test_it_refuses_bad_input(self, args, message):
        make_edition()
        with pytest.raises(CommandError, match=message):
            call_command("publish", *args)
        assert not Edition.objects.get().is_published
