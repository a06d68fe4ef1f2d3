"""`export_edition`: the edition in the same format; importing it again gives identical results."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scoring.demo import generate_demo
from scoring.exporting import edition_document, results_document
from scoring.importing import import_edition
from scoring.models import Edition
from scoring.results import compute_results
from scoring.seeds import seed_files
from tests.factories import edition_doc, unit

pytestmark = pytest.mark.django_db


def roundtrip(edition):
    """Export `edition`, import it under another slug, and return both results documents."""
    before = results_document(compute_results(edition))
    document = json.loads(json.dumps(edition_document(edition), ensure_ascii=False))
    document["slug"] = edition.slug + "-copy"
    copy = import_edition(document=document)
    after = results_document(compute_results(copy))
    for doc in (before, after):
        doc["edition"].pop("slug")
        for block in doc["blocks"]:
            for u in block["units"]:
                u.pop("previous")  # the copy is compared with its own earlier editions
    return before, after


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.stem)
def test_each_seed_edition_round_trips(path):
    edition = import_edition(document=path.read_bytes())
    before, after = roundtrip(edition)
    assert before == after


def test_everything_the_format_carries_round_trips():
    doc = edition_doc(
        {"A": {"1.1": "5", "1.2": None, "2": "8"}, "B": {"1.1": "1"}},
        period="Quý II",
        rank_by="score",
        head_ratings={"Tốt": "Hoàn thành tốt nhiệm vụ"},
        decision={"number": "1/QĐ-UBND", "date": "2024-01-02", "signer": "S", "title": "T"},
    )
    unit(doc, "A").update(predecessors=["OLD"], head_rating="Hoàn thành xuất sắc nhiệm vụ")
    doc["scores"][0].update(self_score="6", note="Thiếu tài liệu kiểm chứng")
    doc["blocks"][0]["bands"] = [{"label": "Nhóm I", "min_percent": "50"}, {"label": "Nhóm II", "min_percent": "0"}]
    doc["head_ratings"]["Nhóm I"] = "Hoàn thành"
    edition = import_edition(document=doc)
    exported = edition_document(edition)
    assert exported["period"] == "Quý II"
    assert exported["rank_by"] == "score"
    assert exported["decision"] == {"number": "1/QĐ-UBND", "date": "2024-01-02", "signer": "S", "title": "T"}
    assert exported["blocks"][0]["bands"] == doc["blocks"][0]["bands"]
    assert unit(exported, "A") == {
        "code": "A",
        "name": "Đơn vị A",
        "predecessors": ["OLD"],
        "head_rating": "Hoàn thành xuất sắc nhiệm vụ",
    }
    assert exported["scores"][0] == {
        "unit": "A",
        "criterion": "1.1",
        "score": "5",
        "self_score": "6",
        "note": "Thiếu tài liệu kiểm chứng",
    }
    assert exported["scores"][1]["score"] is None
    assert exported["criteria_sets"]["chung"][1]["source"] == "survey"
    before, after = roundtrip(edition)
    assert before == after


def test_generated_editions_round_trip():
    generate_demo(authorities=1, units_per_block=6, years=1)
    before, after = roundtrip(Edition.objects.get())
    assert before == after


def test_the_command_prints_the_document(capsys):
    import_edition(document=edition_doc())
    call_command("export_edition", "thu-2023-cchc")
    printed = json.loads(capsys.readouterr().out)
    assert printed["format"] == "parindex-edition/1"
    assert printed["slug"] == "thu-2023-cchc"


def test_the_command_refuses_an_unknown_slug():
    with pytest.raises(CommandError, match="nope"):
        call_command("export_edition", "nope")
