"""`import_edition`: every rule of the format is checked, and a refused document saves nothing."""

import datetime
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scoring.documents import EditionInvalid
from scoring.importing import import_edition
from scoring.models import Authority, Band, Block, CriteriaSet, Criterion, Decision, Edition, Score, Unit
from scoring.results import edition_results
from scoring.writes import publish, reason_label
from tests.factories import edition_doc, make_edition, unit

pytestmark = pytest.mark.django_db

ALL_MODELS = (Authority, Edition, CriteriaSet, Criterion, Block, Band, Unit, Score, Decision)


def counts():
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def refused(doc):
    """Import `doc`, expect a refusal; return its lines after checking nothing was saved."""
    before = counts()
    with pytest.raises(EditionInvalid) as info:
        import_edition(document=json.dumps(doc, ensure_ascii=False) if not isinstance(doc, str) else doc)
    assert counts() == before
    return info.value.lines()


def refused_with(doc, *fragments):
    lines = refused(doc)
    text = "\n".join(lines)
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    return lines


def test_it_imports_an_edition_and_its_figures():
    edition = make_edition({"SNV": {"1.1": "5.5", "1.2": "4", "2": "10"}})
    assert edition.status == Edition.Status.DRAFT
    assert edition.authority.slug == "ubnd-tinh-thu-nghiem"
    assert edition_results(edition).unit("SNV").score == D("19.50")


def test_it_accepts_numbers_as_json_numbers_and_as_strings_with_a_point_or_a_comma():
    doc = edition_doc({"A": {"1.1": "5,25", "1.2": "3.5"}})
    doc["scores"][2]["score"] = 8  # JSON integer
    text = json.dumps(doc, ensure_ascii=False).replace('"3.5"', "3.50")  # JSON number with a trailing zero
    edition = import_edition(document=text)
    assert edition_results(edition).unit("A").score == D("16.75")


def test_json_numbers_are_read_exactly_not_through_float():
    tree = [{"code": "1", "name": "Một", "max": 0.3}, {"code": "2", "name": "Hai", "max": 0.6}]
    doc = edition_doc({"A": {"1": "0.1", "2": "0.2"}}, tree=tree)
    text = json.dumps(doc).replace('"0.1"', "0.1").replace('"0.2"', "0.2")
    result = edition_results(import_edition(document=text)).unit("A")
    assert (result.score, result.max, result.percent) == (D("0.30"), D("0.90"), D("33.33"))


def test_it_records_the_decision_without_publishing():
    edition = make_edition(decision={"number": "2649/QĐ-UBND", "date": "2023-12-12", "signer": "A", "title": "B"})
    assert edition.decision.number == "2649/QĐ-UBND"
    assert edition.decision.date == datetime.date(2023, 12, 12)
    assert not edition.is_published


def test_reimporting_a_draft_replaces_it():
    make_edition({"A": {"1.1": "1"}, "B": {"1.1": "2"}})
    edition = make_edition({"A": {"1.1": "6"}})
    assert Edition.objects.count() == 1
    assert [u.code for u in edition.units.all()] == ["A"]
    assert edition_results(edition).unit("A").score == D("6.00")


def test_replacing_a_draft_leaves_the_removal_of_each_score_in_the_audit_trail():
    first = make_edition({"A": {"1.1": "1", "1.2": "3"}, "B": {"1.1": "2"}})
    scores = {(s.unit.code, s.criterion.code): s for s in Score.objects.filter(unit__edition=first)}
    changed = scores[("A", "1.2")]
    changed.points, changed.note = D("2.5"), "đã thẩm định lại"
    changed.save()
    make_edition({"A": {"1.1": "6"}})

    removed = Score.history.filter(history_type="-")
    assert removed.count() == len(scores)
    assert {r.id for r in removed} == {s.pk for s in scores.values()}
    record = removed.get(id=changed.pk)
    assert (record.points, record.note, record.unit_id) == (D("2.5"), "đã thẩm định lại", changed.unit_id)
    assert reason_label(record.history_change_reason) == "xóa bản nháp"
    # The trail of the changed score reads: its value before the change, the change, the removal.
    assert [r.history_type for r in Score.history.filter(id=changed.pk).order_by("history_date", "history_id")][
        -2:
    ] == ["~", "-"]


def test_a_published_edition_cannot_be_replaced():
    edition = make_edition({"A": {"1.1": "1"}})
    publish(historical=True, edition=edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 1))
    refused_with(edition_doc({"A": {"1.1": "6"}}), "slug", "thu-2023-cchc", "đã công bố")
    assert edition_results(Edition.objects.get()).unit("A").score == D("1.00")


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda d: d.update(format="parindex-edition/2"), ["format", "parindex-edition/2", "parindex-edition/1"]),
        (lambda d: d.pop("format"), ["format", "thiếu khóa"]),
        (lambda d: d.pop("slug"), ["slug", "thiếu khóa"]),
        (lambda d: d.update(slug="Thu 2023"), ["slug", "Thu 2023"]),
        (lambda d: d.update(year="năm 2023"), ["year"]),
        (lambda d: d.update(title=""), ["title", "không được để trống"]),
        (lambda d: d.update(rank_by="points"), ["rank_by", "points"]),
        (lambda d: d["authority"].update(level="region"), ["authority.level", "region"]),
        (lambda d: d.pop("authority"), ["authority", "thiếu khóa"]),
        (lambda d: d.update(index="CCHC index"), ["index"]),
        (lambda d: d.update(bands=[]), ["bands", "không được để trống"]),
        (lambda d: d["bands"][-1].update(min_percent="10"), ["bands[4].min_percent", "0"]),
        (lambda d: d["bands"][1].update(min_percent="95"), ["bands[1].min_percent", "95", "90"]),
        (lambda d: d["bands"][0].update(min_percent="101"), ["bands[0].min_percent", "101"]),
        (lambda d: d["bands"][1].update(label="Xuất sắc"), ["bands[1].label", "Xuất sắc"]),
        (lambda d: d.update(head_ratings={"Giỏi": "Hoàn thành"}), ["head_ratings.Giỏi", "Giỏi"]),
        (lambda d: d.update(criteria_sets={}), ["criteria_sets", "không được để trống"]),
        (lambda d: d["criteria_sets"]["chung"][0].update(max="11"), ["criteria_sets.chung[0].max", "11", "10"]),
        (
            lambda d: d["criteria_sets"]["chung"][0]["children"][1].update(code="1.1"),
            ["criteria_sets.chung[0].children[1].code", "1.1"],
        ),
        (lambda d: d["criteria_sets"]["chung"][1].pop("max"), ["criteria_sets.chung[1].max"]),
        (lambda d: d["criteria_sets"]["chung"][1].update(max="-1"), ["criteria_sets.chung[1].max", "-1", "số âm"]),
        (
            lambda d: d["criteria_sets"]["chung"][1].update(max="1.005"),
            ["criteria_sets.chung[1].max", "1.005", "quá 2 chữ số thập phân"],
        ),
        (lambda d: d["criteria_sets"]["chung"][1].update(source="poll"), ["criteria_sets.chung[1].source", "poll"]),
        (lambda d: d["blocks"][0].update(criteria_set="khac"), ["blocks[0].criteria_set", "khac"]),
        (lambda d: d["blocks"][0]["units"][0].pop("name"), ["blocks[0].units[0].name", "thiếu khóa"]),
        (lambda d: d["blocks"][0]["units"].append({"code": "A", "name": "Lặp"}), ["blocks[0].units[1].code", "A"]),
        (lambda d: d["scores"][0].update(score="6.5"), ["scores[0].score", "6.5", "vượt điểm tối đa", "6"]),
        (lambda d: d["scores"][0].update(score="abc"), ["scores[0].score", "abc"]),
        (lambda d: d["scores"][0].update(score=True), ["scores[0].score"]),
        (lambda d: d["scores"][0].update(score="1.234"), ["scores[0].score", "1.234", "quá 2 chữ số thập phân"]),
        (lambda d: d["scores"][0].update(score="-1"), ["scores[0].score", "-1", "số âm"]),
        (lambda d: d["scores"][0].update(self_score="7"), ["scores[0].self_score", "7"]),
        (lambda d: d["scores"][0].update(unit="XYZ"), ["scores[0].unit", "XYZ"]),
        (lambda d: d["scores"][0].update(criterion="9.9"), ["scores[0].criterion", "9.9"]),
        (lambda d: d["scores"][0].update(criterion="1"), ["scores[0].criterion", "là nhóm"]),
        (lambda d: d["scores"][0].pop("score"), ["scores[0].score", "thiếu khóa"]),
        (lambda d: d["scores"].append(dict(d["scores"][0])), ["scores[3]", "trùng điểm", "A", "1.1"]),
        (lambda d: d["scores"].pop(1), ["scores", "thiếu điểm", "A", "1.2"]),
        (lambda d: d.update(decision={"number": "1/QĐ-UBND", "date": "12/13/2023"}), ["decision.date", "12/13/2023"]),
        (lambda d: d.update(decision={"date": "2023-12-12"}), ["decision.number", "thiếu khóa"]),
    ],
)
def test_it_refuses_a_document_that_breaks_a_rule(change, fragments):
    doc = edition_doc({"A": {"1.1": "5", "1.2": "3", "2": "8"}})
    change(doc)
    refused_with(doc, *fragments)


def test_it_refuses_what_is_not_json_or_not_an_object():
    refused_with("{", "JSON", "dòng 1")
    refused_with("[]", "đối tượng")
    refused_with('{"format": NaN}', "JSON")
    with pytest.raises(EditionInvalid):
        import_edition(document=b"\xff\xfe")


def test_it_refuses_deeply_nested_documents_without_crashing():
    refused_with("[" * 100_000 + "]" * 100_000, "")


def test_it_reports_every_problem_at_once():
    doc = edition_doc({"A": {"1.1": "5", "1.2": "3", "2": "8"}})
    doc["scores"][0]["score"] = "7"
    doc["scores"][1]["unit"] = "XYZ"
    lines = refused(doc)
    assert any(line.startswith("scores[0].score") for line in lines)
    assert any(line.startswith("scores[1].unit") for line in lines)


def test_a_refused_replacement_keeps_the_old_draft():
    make_edition({"A": {"1.1": "1"}})
    doc = edition_doc({"A": {"1.1": "1"}})
    doc["scores"][0]["score"] = "99"
    refused(doc)
    assert edition_results(Edition.objects.get()).unit("A").score == D("1.00")


class TestCommand:
    def test_it_imports_a_file(self, tmp_path, capsys):
        path = tmp_path / "e.json"
        path.write_text(json.dumps(edition_doc(), ensure_ascii=False), encoding="utf-8")
        call_command("import_edition", str(path))
        assert "thu-2023-cchc" in capsys.readouterr().out
        assert Edition.objects.filter(slug="thu-2023-cchc").exists()

    def test_it_prints_every_problem_and_fails(self, tmp_path, capsys):
        doc = edition_doc({"SNV": {"1.1": "5"}})
        doc["scores"][0]["score"] = "6.5"
        doc["scores"][1]["unit"] = "XYZ"
        path = tmp_path / "e.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(CommandError) as info:
            call_command("import_edition", str(path))
        err = capsys.readouterr().err
        assert "scores[0].score" in err and "6.5" in err
        assert "scores[1].unit" in err and "XYZ" in err
        assert info.value.returncode == 1
        assert Edition.objects.count() == 0

    def test_it_fails_cleanly_on_a_missing_file(self):
        with pytest.raises(CommandError, match=r"nope\.json"):
            call_command("import_edition", "nope.json")


def test_the_unit_helper_finds_units():
    doc = edition_doc({"A": {}, "B": {}})
    assert unit(doc, "B")["name"] == "Đơn vị B"
