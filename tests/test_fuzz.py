"""Bad input at volume: generated edition documents and workbooks (hypothesis), huge and hostile files.

More than 1,000 documents per run: valid ones import and round-trip to identical results; broken
ones are refused with messages naming their place, no other exception escapes, nothing is saved.
"""

import copy
import io
import json
import time
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.documents import EditionInvalid, read_document, validate_edition
from scoring.exporting import edition_document, results_document
from scoring.importing import import_edition
from scoring.models import Edition, Score
from scoring.results import compute_results

pytestmark = pytest.mark.django_db


def fast(examples):
    return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)


codes = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVXYZ0123456789-", min_size=1, max_size=6)
cents = st.integers(min_value=1, max_value=2500)


def number(value_cents, draw):
    """A decimal written as JSON number, "12.5" or "12,5"."""
    text = format(Decimal(value_cents) / 100, "f")
    style = draw(st.sampled_from(["string", "comma", "number"]))
    if style == "comma":
        return text.replace(".", ",")
    if style == "number":
        return Decimal(text)
    return text


@st.composite
def editions(draw):
    groups = []
    for g in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            groups.append({"code": str(g + 1), "name": f"Nhóm {g + 1}", "max": draw(cents)})
        else:
            children = [
                {"code": f"{g + 1}.{c + 1}", "name": f"Tiêu chí {g + 1}.{c + 1}", "max": draw(cents)}
                for c in range(draw(st.integers(1, 3)))
            ]
            groups.append({"code": str(g + 1), "name": f"Nhóm {g + 1}", "children": children})
    leaves = [(n["code"], n["max"]) for g in groups for n in (g.get("children") or [g])]
    for node in [g for g in groups] + [c for g in groups for c in g.get("children", [])]:
        if "max" in node:
            node["max"] = number(node["max"], draw)
    unit_codes = draw(st.lists(codes, min_size=1, max_size=8, unique=True))
    split = draw(st.integers(0, len(unit_codes) - 1))
    blocks = [unit_codes[: split + 1], unit_codes[split + 1 :]] if split + 1 < len(unit_codes) else [unit_codes]
    thresholds = sorted(draw(st.lists(st.integers(1, 99), max_size=3, unique=True)), reverse=True)
    bands = [{"label": f"Mức {i}", "min_percent": str(t)} for i, t in enumerate(thresholds)]
    bands.append({"label": "Thấp", "min_percent": "0"})
    scores = []
    for code in unit_codes:
        for leaf, maximum in leaves:
            value = None if draw(st.integers(0, 9)) == 0 else number(draw(st.integers(0, maximum)), draw)
            scores.append({"unit": code, "criterion": leaf, "score": value})
    return {
        "format": "parindex-edition/1",
        "slug": "fuzz-" + draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)),
        "authority": {"name": "UBND tỉnh Thử Máy", "level": draw(st.sampled_from(["province", "district"])),
                      "province": "Thử Máy"},
        "index": draw(st.sampled_from(["cchc", "service", "khac"])),
        "year": draw(st.integers(2015, 2030)),
        "title": "Chỉ số thử",
        "rank_by": draw(st.sampled_from(["percent", "score"])),
        "bands": bands,
        "criteria_sets": {"chung": groups},
        "blocks": [
            {"code": f"k{i}", "name": f"Khối {i}", "criteria_set": "chung",
             "units": [{"code": c, "name": f"Đơn vị {c}"} for c in members]}
            for i, members in enumerate(blocks)
        ],
        "scores": scores,
    }  # fmt: skip


def dumps(doc):
    """JSON text of a generated document; Decimals become JSON numbers (their 2-decimal text, exactly)."""
    return json.dumps(doc, ensure_ascii=False, default=float)


def counts():
    return Edition.objects.count(), Score.objects.count()


@fast(250)
@given(editions())
def test_valid_documents_import_and_round_trip_to_identical_results(doc):
    with transaction.atomic():
        edition = import_edition(document=dumps(doc))
        before = results_document(compute_results(edition, with_previous=False))
        exported = json.loads(json.dumps(edition_document(edition), ensure_ascii=False))
        exported["slug"] = exported["slug"] + "-lai"
        again = import_edition(document=exported)
        after = results_document(compute_results(again, with_previous=False))
        before["edition"].pop("slug")
        after["edition"].pop("slug")
        assert before == after
        transaction.set_rollback(True)


MUTATIONS = [
    ("score above max", lambda d: d["scores"][0].update(score="999999")),
    ("negative", lambda d: d["scores"][-1].update(score="-0.01")),
    ("three decimals", lambda d: d["scores"][0].update(score="1.001")),
    ("not a number", lambda d: d["scores"][0].update(score="mười")),
    ("a bool", lambda d: d["scores"][0].update(score=True)),
    ("unknown unit", lambda d: d["scores"][0].update(unit="KHONG-CO")),
    ("unknown criterion", lambda d: d["scores"][0].update(criterion="99.99")),
    ("duplicate score", lambda d: d["scores"].append(copy.deepcopy(d["scores"][0]))),
    ("missing score", lambda d: d["scores"].pop()),
    ("no format", lambda d: d.pop("format")),
    ("other format", lambda d: d.update(format="parindex-edition/9")),
    ("bad slug", lambda d: d.update(slug="Có Dấu")),
    ("year as text", lambda d: d.update(year="hai nghìn")),
    ("bands not descending", lambda d: d["bands"].insert(0, {"label": "Đáy", "min_percent": "0"})),
    ("blocks not a list", lambda d: d.update(blocks={"k0": 1})),
    ("units not objects", lambda d: d["blocks"][0].update(units=["A", "B"])),
    ("criteria set missing", lambda d: d["blocks"][0].update(criteria_set="khong-co")),
    ("group max wrong", lambda d: d["criteria_sets"]["chung"].append(
        {"code": "Z", "name": "Z", "max": "5", "children": [{"code": "Z.1", "name": "Z.1", "max": "1"}]})),
    ("decision date", lambda d: d.update(decision={"number": "1/QĐ", "date": "31/02/2024"})),
    ("scores not a list", lambda d: d.update(scores="tất cả")),
    ("deep criteria", lambda d: d["criteria_sets"].update(sau=[_deep(20)])),
]  # fmt: skip


def _deep(depth):
    node = {"code": f"d{depth}", "name": "sâu", "max": "1"}
    for level in range(depth):
        node = {"code": f"d{level}", "name": "sâu", "children": [node]}
    return node


@fast(500)
@given(editions(), st.sampled_from(MUTATIONS))
def test_broken_documents_are_refused_with_a_place_and_nothing_is_saved(doc, mutation):
    name, mutate = mutation
    mutate(doc)
    before = counts()
    with pytest.raises(EditionInvalid) as info:
        import_edition(document=dumps(doc))
    assert info.value.lines(), name
    assert all(line.strip() for line in info.value.lines())
    assert counts() == before


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.floats(allow_nan=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=30,
)


@fast(300)
@given(json_values | st.text(max_size=200) | st.binary(max_size=200))
def test_anything_else_is_refused_without_a_traceback(junk):
    raw = junk if isinstance(junk, str | bytes) else json.dumps(junk)
    with pytest.raises(EditionInvalid):
        validate_edition(read_document(raw))


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "huge.json"
    with path.open("wb") as out:
        out.write(b'{"format": "parindex-edition/1", "note": "')
        out.seek(60 * 1024 * 1024)
        out.write(b'"}')
    started = time.perf_counter()
    with pytest.raises(CommandError, match="MB"):
        call_command("import_edition", str(path))
    assert time.perf_counter() - started < 5


def test_deeply_nested_json_is_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(EditionInvalid):
        read_document("[" * 1_000_000 + "]" * 1_000_000)
    assert time.perf_counter() - started < 5


def _zip_bomb(size_mb=200):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/workbook.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size_mb):
                member.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_named_xlsx_is_refused_in_bounded_time_and_memory(personas):
    from scoring.models import Edition as E

    personas.set_status(E.Status.APPRAISAL)
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024  # 200 MB of zeros packs below 1 MB
    client = personas.client("appraiser")
    tracemalloc.start()
    started = time.perf_counter()
    response = client.post("/quan-ly/thu-2023/khoi/so/tai-len/", {"file": SimpleUploadedFile("diem.xlsx", bomb)})
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 400
    assert "không phải sổ tính Excel" in response.content.decode()
    assert elapsed < 5
    assert peak < 50 * 1024 * 1024


cell_values = st.one_of(
    st.none(), st.integers(-5, 50), st.floats(-5, 50, allow_nan=False), st.sampled_from(["KĐG", "kdg", "4,5", "75%",
    "abc", "", "  ", "1,234", "=1/3", "100%", "-1%"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
)  # fmt: skip


@fast(100)
@given(st.lists(st.lists(cell_values, min_size=3, max_size=3), min_size=1, max_size=3), st.booleans())
def test_uploaded_workbooks_either_apply_or_are_refused_by_cell(personas, rows, merge):
    from openpyxl import load_workbook

    from workspace import excel

    block = personas.edition.blocks.get(code="so")
    workbook = load_workbook(io.BytesIO(excel.template(block)))
    sheet = workbook[workbook.sheetnames[0]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            sheet.cell(row=4 + r, column=3 + c, value=value)
    if merge:
        sheet.merge_cells("C4:D4")
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("diem.xlsx", out.getvalue())
    try:
        changes, errors = excel.read_upload(upload, block).changes, None
    except excel.UploadRefused as refused:
        changes, errors = None, refused.errors
    if errors is not None:
        assert errors
        assert all("!" in line or "Excel" in line for line in errors)
    else:
        assert not merge
        for change in changes:
            maximum = change.score.criterion.max_points
            assert change.not_assessed or change.points is None or 0 <= change.points <= maximum
