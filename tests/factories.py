"""Build editions in code for tests: documents first, imported through the real import."""

import copy
import json

from scoring.importing import import_edition

COMMON_BANDS = [
    {"label": "Xuất sắc", "min_percent": "90"},
    {"label": "Tốt", "min_percent": "80"},
    {"label": "Khá", "min_percent": "70"},
    {"label": "Trung bình", "min_percent": "50"},
    {"label": "Yếu", "min_percent": "0"},
]

# Two groups; group 1 has two leaves, group 2 is itself a leaf. 20 points in all.
TREE = [
    {
        "code": "1",
        "name": "Công tác chỉ đạo, điều hành CCHC",
        "max": "10",
        "children": [
            {"code": "1.1", "name": "Kế hoạch CCHC", "max": "6"},
            {"code": "1.2", "name": "Báo cáo CCHC", "max": "4"},
        ],
    },
    {"code": "2", "name": "Cải cách thể chế", "max": "10", "source": "survey"},
]
LEAVES = ["1.1", "1.2", "2"]


def edition_doc(
    units=None,
    *,
    slug="thu-2023-cchc",
    year=2023,
    authority="UBND tỉnh Thử Nghiệm",
    tree=None,
    bands=None,
    blocks=None,
    **extra,
):
    """Return an edition document.

    `units` maps a unit code to its scores, {leaf code: score or None (not assessed)}, all in one
    block "so"; leaves left out score 0. `blocks` replaces that with a list of
    (code, {unit code: scores}) for several blocks. Other keyword arguments become top-level keys.
    """
    tree = copy.deepcopy(tree or TREE)
    leaves = list(_leaves(tree))
    if blocks is None:
        blocks = [("so", units if units is not None else {"A": {"1.1": "5", "1.2": "3", "2": "8"}})]
    doc = {
        "format": "parindex-edition/1",
        "slug": slug,
        "authority": {"name": authority, "level": "province", "province": authority.split()[-1]},
        "index": "cchc",
        "year": year,
        "title": f"Chỉ số cải cách hành chính năm {year}",
        "bands": copy.deepcopy(bands or COMMON_BANDS),
        "criteria_sets": {"chung": tree},
        "blocks": [],
        "scores": [],
    }
    for code, members in blocks:
        doc["blocks"].append(
            {
                "code": code,
                "name": f"Khối {code}",
                "criteria_set": "chung",
                "units": [{"code": unit, "name": f"Đơn vị {unit}"} for unit in members],
            }
        )
        for unit, scores in members.items():
            for leaf in leaves:
                doc["scores"].append({"unit": unit, "criterion": leaf, "score": scores.get(leaf, "0")})
    doc.update(extra)
    return doc


def _leaves(tree):
    for node in tree:
        if node.get("children"):
            yield from _leaves(node["children"])
        else:
            yield node["code"]


def make_edition(units=None, **kwargs):
    """Import an edition built by `edition_doc` and return it."""
    return import_edition(document=json.dumps(edition_doc(units, **kwargs), ensure_ascii=False))


def unit(doc, code):
    """Return the unit entry with this code in a document."""
    for block in doc["blocks"]:
        for item in block["units"]:
            if item["code"] == code:
                return item
    raise KeyError(code)
