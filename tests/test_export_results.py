"""`export_results`: the results exactly as the format's "Results export" shows them."""

import csv
import datetime
import io
import json
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

EXAMPLE_SCORES = {"1": "12.97", "2": "3", "3": "17.5", "4": "6", "5": "8.5", "6": "3", "7": "8.78", "8": "26.07"}


def example():
    """The format document's own example: UBND xã Tiên Châu, 85.82 points."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent / "data" / "edition-v1-example.json").read_text(encoding="utf-8")
    from scoring.importing import import_edition

    return import_edition(document=text)


def run(*args):
    out = io.StringIO()
    call_command("export_results", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_example_as_the_format_says():
    example()
    data = json.loads(run("tien-phuoc-2022-cchc"))
    assert data["edition"] == {
        "slug": "tien-phuoc-2022-cchc",
        "title": "Chỉ số cải cách hành chính năm 2022 của UBND các xã, thị trấn",
        "year": 2022,
        "index": "cchc",
        "authority": "UBND huyện Tiên Phước",
        "status": "draft",
        "decision": None,
    }
    [block] = data["blocks"]
    assert (block["code"], block["name"], block["band_counts"]) == ("xa", "UBND các xã, thị trấn", {"Tốt": 1})
    [unit] = block["units"]
    groups = unit.pop("groups")
    assert unit == {
        "code": "TIEN-CHAU",
        "name": "UBND xã Tiên Châu",
        "rank": 1,
        "of": 1,
        "score": "85.82",
        "max": "100.00",
        "percent": "85.82",
        "band": "Tốt",
        "head_rating": None,
        "previous": {"rank": None, "percent": None},
    }
    assert [(g["code"], g["score"], g["max"]) for g in groups] == [
        ("1", "12.97", "13.50"),
        ("2", "3.00", "3.00"),
        ("3", "17.50", "21.00"),
        ("4", "6.00", "6.00"),
        ("5", "8.50", "9.00"),
        ("6", "3.00", "5.00"),
        ("7", "8.78", "11.00"),
        ("8", "26.07", "31.50"),
    ]
    assert groups[0]["name"] == "Công tác chỉ đạo, điều hành CCHC"


def test_every_decimal_has_exactly_two_decimals():
    make_edition({"A": {"1.1": "5", "1.2": "3.5", "2": "8.25"}, "B": {"1.1": "1"}})
    text = run("thu-2023-cchc")
    decimals = re.findall(r'"(?:score|max|percent)": "([^"]+)"', text)
    assert decimals and all(re.fullmatch(r"\d+\.\d\d", d) for d in decimals)


def test_a_published_edition_carries_its_status_and_decision():
    edition = make_edition()
    publish(
        historical=True, edition=edition, number="2649/QĐ-UBND", date=datetime.date(2023, 12, 12), signer="S", title="T"
    )
    data = json.loads(run("thu-2023-cchc"))
    assert data["edition"]["status"] == "published"
    assert data["edition"]["decision"] == {"number": "2649/QĐ-UBND", "date": "2023-12-12", "signer": "S", "title": "T"}


def test_units_are_listed_by_rank_then_by_name():
    make_edition({"C": {"1.1": "1"}, "B": {"1.1": "3"}, "A": {"1.1": "3"}})
    units = json.loads(run("thu-2023-cchc"))["blocks"][0]["units"]
    assert [(u["rank"], u["code"]) for u in units] == [(1, "A"), (1, "B"), (3, "C")]


def test_the_csv_has_one_row_per_unit_with_the_same_fields():
    make_edition({"A": {"1.1": "5", "1.2": None, "2": "8"}, "B": {"1.1": "1"}})
    rows = list(csv.DictReader(io.StringIO(run("thu-2023-cchc", "--format", "csv"))))
    assert [r["code"] for r in rows] == ["A", "B"]
    assert rows[0]["score"] == "13.00" and rows[0]["max"] == "16.00" and rows[0]["percent"] == "81.25"
    assert rows[0]["band"] == "Tốt" and rows[0]["rank"] == "1" and rows[0]["of"] == "2"
    assert (rows[0]["g1_score"], rows[0]["g1_max"], rows[0]["g2_score"], rows[0]["g2_max"]) == (
        "5.00",
        "6.00",
        "8.00",
        "10.00",
    )
    assert rows[1]["previous_rank"] == "" and rows[1]["head_rating"] == ""


def test_an_unknown_slug_exits_with_1():
    with pytest.raises(CommandError, match="nope") as info:
        run("nope")
    assert info.value.returncode == 1


def test_a_database_not_migrated_yet_gives_a_message_not_a_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "manage.py", "export_results", "nope"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "migrate" in proc.stderr
