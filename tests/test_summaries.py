"""Summaries in the decisions' phrasing: ties, localities, empty top bands, top three, one-unit blocks."""

import pytest

from publications.summaries import block_summary
from scoring.importing import import_edition
from scoring.results import edition_results
from tests.factories import edition_doc, make_edition

pytestmark = pytest.mark.django_db


def summary(edition, leaders=1, language="vi", block=0):
    return block_summary(edition_results(edition).blocks[block], leaders=leaders, language=language)


def test_ties_for_the_lead_name_every_leader():
    edition = make_edition({"A": {"1.1": "6", "2": "9"}, "B": {"1.1": "6", "2": "9"}, "C": {"1.1": "1"}})
    assert (
        summary(edition)[1] == "Trong đó, Đơn vị A và Đơn vị B là các đơn vị cùng dẫn đầu với 15,00 điểm, tỷ lệ 75,00%."
    )


def test_leaders_with_the_same_percent_but_different_points_are_each_given_their_points():
    edition = make_edition({"A": {"1.1": "6", "1.2": None, "2": "6"}, "B": {"1.1": "6", "1.2": "0", "2": "9"}})
    assert summary(edition)[1] == (
        "Trong đó, Đơn vị A (12,00 điểm, tỷ lệ 75,00%) và Đơn vị B (15,00 điểm, tỷ lệ 75,00%) "
        "là các đơn vị cùng dẫn đầu."
    )


def test_localities_are_counted_as_dia_phuong_and_empty_top_bands_are_said():
    doc = edition_doc({"H1": {"1.1": "6", "1.2": "4", "2": "7"}, "H2": {"1.1": "6", "1.2": "4", "2": "5"}})
    for block in doc["blocks"]:
        for unit in block["units"]:
            unit["name"] = f"UBND huyện {unit['code']}"
    doc["blocks"][0]["name"] = "UBND các huyện"
    sentences = summary(import_edition(document=doc))
    assert sentences[0] == (
        "Đối với UBND các huyện có 01/02 địa phương xếp loại tốt, 01/02 địa phương xếp loại khá; "
        "không có địa phương xếp loại xuất sắc."
    )


def test_the_top_three_share_ranks_when_they_tie():
    edition = make_edition(
        {"A": {"1.1": "6", "2": "9"}, "B": {"1.1": "6", "2": "8"}, "C": {"1.1": "6", "2": "8"}, "D": {"1.1": "1"}}
    )
    assert summary(edition, leaders=3)[1] == (
        "Trong đó, Đơn vị A là đơn vị dẫn đầu với 15,00 điểm, tỷ lệ 75,00%; Đơn vị B và Đơn vị C cùng xếp vị trí thứ 2."
    )


def test_a_block_of_one_unit_says_its_result():
    edition = make_edition({"QN": {"1.1": "6", "1.2": "4", "2": "6.02"}})
    assert summary(edition) == ["Đơn vị QN đạt 16,02 điểm, tỷ lệ 80,10%, xếp loại tốt."]


def test_english_says_the_same_facts():
    edition = make_edition({"A": {"1.1": "6", "1.2": "4", "2": "9"}, "B": {"1.1": "6", "2": "8"}})
    assert summary(edition, language="en") == [
        "For Khối so: 1 of 2 rated Xuất sắc, 1 of 2 rated Khá.",
        "Đơn vị A leads with 19.00 points (95.00%).",
    ]
