"""The appraisal round in Chromium, as a province runs it: the coordinator shares the groups out to three departments
and sets the deadlines; the units self-assess and submit, one late and reopened; the departments appraise their
groups only; the results are released; two units dispute, one accepted and one rejected by the appraiser of the
criterion; reminders go out (read from the console e-mail backend); the coordinator reads the dashboard; the
approver approves; the decision drafted for signature holds the figures of `export_results`."""

import datetime
import email
import io
import json
import re
from email.header import decode_header, make_header

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import edition_doc
from tests.processes import manage

pytestmark = pytest.mark.browser
PASSWORD = "browser-test-password-1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SLUG = "vong-2025"
AUTHORITY = "ubnd-tinh-vong-tham-dinh"
TREE = [
    {"code": "1", "name": "Cải cách thể chế", "max": "10",
     "children": [{"code": "1.1", "name": "Ban hành văn bản QPPL", "max": "6"},
                  {"code": "1.2", "name": "Kiểm tra, rà soát văn bản", "max": "4"}]},
    {"code": "2", "name": "Cải cách tài chính công", "max": "10",
     "children": [{"code": "2.1", "name": "Giải ngân vốn đầu tư công", "max": "5"},
                  {"code": "2.2", "name": "Quản lý tài sản công", "max": "5"}]},
    {"code": "3", "name": "Xây dựng chính quyền số", "max": "10",
     "children": [{"code": "3.1", "name": "Dịch vụ công trực tuyến", "max": "10"}]},
]  # fmt: skip
UNITS = {"STP": "Sở Tư pháp", "STC": "Sở Tài chính", "SKHCN": "Sở Khoa học và Công nghệ", "SXD": "Sở Xây dựng"}
SELF = {
    "STP": {"1.1": "6", "1.2": "4", "2.1": "5", "2.2": "4", "3.1": "9"},
    "STC": {"1.1": "5", "1.2": "4", "2.1": "5", "2.2": "5", "3.1": "8"},
    "SKHCN": {"1.1": "4", "1.2": "3", "2.1": "4", "2.2": "4", "3.1": "10"},
    "SXD": {"1.1": "5", "1.2": "3", "2.1": "4", "2.2": "4", "3.1": "7"},
}
PEOPLE = {  # user: (role, unit)
    "dieu-phoi": ("coordinator", ""), "tham-tp": ("appraiser", "STP"), "tham-tc": ("appraiser", "STC"),
    "tham-kh": ("appraiser", "SKHCN"), "bao-tp": ("reporter", "STP"), "bao-tc": ("reporter", "STC"),
    "bao-kh": ("reporter", "SKHCN"), "bao-xd": ("reporter", "SXD"), "duyet-vong": ("approver", ""),
}  # fmt: skip


@pytest.fixture(scope="module")
def round_edition(portal, tmp_path_factory):
    _base, _env, run = portal
    doc = edition_doc({code: {} for code in UNITS}, slug=SLUG, year=2025, authority="UBND tỉnh Vòng Thẩm Định",
                      tree=TREE)  # fmt: skip
    for unit in doc["blocks"][0]["units"]:
        unit["name"] = UNITS[unit["code"]]
    path = tmp_path_factory.mktemp("round") / "edition.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run("import_edition", str(path))
    run("shell", "-c", "from django.contrib.auth.models import User\n" + "".join(
        f"User.objects.create_user({name!r}, email={name + '@vong.example'!r}, password={PASSWORD!r}, "
        f"first_name={name!r})\n" for name in PEOPLE))  # fmt: skip
    for name, (role, unit) in PEOPLE.items():
        run("grant", name, role, "--authority", AUTHORITY, *(["--unit", unit] if unit else []))
    return SLUG


def login(page, base, name):
    page.goto(base + "/quan-ly/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("h1")).to_have_text("Trang làm việc")


def take_step(page, base, label):
    page.goto(f"{base}/quan-ly/{SLUG}/")
    page.get_by_role("button", name=f"{label}…").click()
    page.get_by_role("button", name=re.compile(f"^(Đồng ý|Vẫn).*{re.escape(label[1:])}$")).click()


def shell(env, code):
    return manage(env, "shell", "-c", code).stdout


def reminders(env):
    """Run send_reminders with the console e-mail backend; return [(to, subject, body)] of the e-mails it printed."""
    out = manage({**env, "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "send_reminders").stdout
    mails = []
    for chunk in out.split("-" * 79):
        if "Subject:" not in chunk:
            continue
        message = email.message_from_string(chunk.strip())
        body = message.get_payload()
        if message["Content-Transfer-Encoding"] in ("base64", "quoted-printable"):
            body = message.get_payload(decode=True).decode("utf-8")
        mails.append((message["To"], str(make_header(decode_header(message["Subject"]))), body))
    return mails


def vi(value):
    return value.replace(".", ",") if value is not None else "–"


def test_the_whole_appraisal_round(open_page, portal, round_edition, tmp_path):
    base, env, _run = portal
    sheet = f"{base}/quan-ly/{SLUG}/don-vi"

    # The coordinator shares the groups out to three departments and sets the deadlines.
    coordinator = open_page()
    login(coordinator, base, "dieu-phoi")
    coordinator.goto(f"{base}/quan-ly/{SLUG}/phan-cong/")
    coordinator.get_by_label("1. Cải cách thể chế").select_option(label="Sở Tư pháp (STP)")
    coordinator.get_by_label("2. Cải cách tài chính công").select_option(label="Sở Tài chính (STC)")
    coordinator.get_by_label("3. Xây dựng chính quyền số").select_option(label="Sở Khoa học và Công nghệ (SKHCN)")
    coordinator.get_by_role("button", name="Lưu phân công").click()
    expect(coordinator.locator(".message")).to_contain_text("Đã lưu 3 phân công")
    screenshot(coordinator, "30-assignments")
    coordinator.goto(f"{base}/quan-ly/{SLUG}/thiet-lap/")
    soon = datetime.date.today() + datetime.timedelta(days=10)
    coordinator.get_by_label("Tự đánh giá", exact=True).fill(soon.isoformat())
    coordinator.get_by_label("Giải trình", exact=True).fill(soon.isoformat())
    coordinator.get_by_role("button", name="Lưu thời hạn").click()
    expect(coordinator.locator(".message")).to_contain_text("Đã lưu thời hạn")

    # Self-assessment opens; the reporters are told by e-mail, once.
    appraiser_tp = open_page()
    login(appraiser_tp, base, "tham-tp")
    take_step(appraiser_tp, base, "Mở tự đánh giá")
    mails = reminders(env)
    told = {to for to, subject, _body in mails if "Tự đánh giá" in subject}
    assert told == {"bao-tp@vong.example", "bao-tc@vong.example", "bao-kh@vong.example", "bao-xd@vong.example"}
    assert reminders(env) == []  # run again: nothing twice

    # STP self-assesses and submits in the browser; STC and SKHCN as quickly (their scores are set by a script).
    reporter_tp = open_page()
    login(reporter_tp, base, "bao-tp")
    reporter_tp.goto(f"{sheet}/STP/")
    for leaf in TREE:
        for child in leaf["children"]:
            reporter_tp.get_by_label(f"Điểm tự đánh giá, {child['code']}. {child['name']}").fill(
                SELF["STP"][child["code"]]
            )
    reporter_tp.get_by_role("button", name="Lưu").click()
    expect(reporter_tp.locator(".message")).to_contain_text("Đã lưu 5 điểm")
    reporter_tp.get_by_role("button", name="Nộp kết quả tự đánh giá").click()
    expect(reporter_tp.locator(".message")).to_contain_text("Đã nộp")
    shell(env, "from django.contrib.auth.models import User\nfrom scoring import submissions\n"
               "from scoring.cycle import ANYONE\nfrom scoring.models import Score, Unit\n"
               "from scoring.writes import ScoreChange, reason, set_scores\n"
               f"SELF = {SELF!r}\n"
               f"for code, reporter in (('STC', 'bao-tc'), ('SKHCN', 'bao-kh'), ('SXD', 'bao-xd')):\n"
               f"    unit = Unit.objects.get(edition__slug={SLUG!r}, code=code)\n"
               "    set_scores(edition=unit.edition, user=User.objects.get(username=reporter), reason=reason('sheet'),"
               " changes=[ScoreChange(s, {'self_points': SELF[code][s.criterion.code]})"
               " for s in Score.objects.filter(unit=unit).select_related('criterion')])\n"
               "    if code != 'SXD':\n"
               "        submissions.submit(unit=unit, user=User.objects.get(username=reporter), roles=ANYONE)\n"
               "from workspace.models import Deadline\nimport datetime\n"
               f"Deadline.objects.filter(edition__slug={SLUG!r}, status='self_assessment')"
               ".update(due=datetime.date.today() - datetime.timedelta(days=1))\n")  # fmt: skip

    # SXD is late: the deadline has passed, its submission is refused until the coordinator reopens it.
    reporter_xd = open_page()
    login(reporter_xd, base, "bao-xd")
    reporter_xd.goto(f"{sheet}/SXD/")
    reporter_xd.get_by_role("button", name="Nộp kết quả tự đánh giá").click()
    expect(reporter_xd.locator(".message")).to_contain_text("Đã quá thời hạn")
    coordinator.goto(f"{base}/quan-ly/{SLUG}/tien-do/")
    late_row = coordinator.locator("tr.overdue")
    expect(late_row).to_have_count(1)
    expect(late_row).to_contain_text("Sở Xây dựng")
    expect(late_row).to_contain_text("quá hạn")
    coordinator.goto(f"{sheet}/SXD/")
    coordinator.get_by_label("Mở lại cho đơn vị này (sau thời hạn), nêu lý do").fill("Đơn vị có văn bản xin gia hạn")
    coordinator.get_by_role("button", name="Mở lại", exact=True).click()
    reporter_xd.goto(f"{sheet}/SXD/")
    reporter_xd.get_by_role("button", name="Nộp kết quả tự đánh giá").click()
    expect(reporter_xd.locator(".message")).to_contain_text("Đã nộp")

    # Appraisal: each department appraises its group, and only it.
    take_step(appraiser_tp, base, "Kết thúc tự đánh giá, bắt đầu thẩm định")
    expect(appraiser_tp.locator(".cycle [aria-current=step]")).to_have_text("Thẩm định")
    appraiser_tp.goto(f"{sheet}/STC/")
    expect(appraiser_tp.get_by_text("2 trên 5 tiêu chí")).to_be_visible()
    expect(appraiser_tp.get_by_label("Điểm thẩm định, 2.1. Giải ngân vốn đầu tư công")).to_have_count(0)
    appraiser_tp.get_by_label("Điểm thẩm định, 1.2. Kiểm tra, rà soát văn bản").fill("2")
    appraiser_tp.get_by_role("button", name="Lưu").click()
    expect(appraiser_tp.locator(".message")).to_contain_text("Đã lưu 1 điểm")
    appraiser_tp.goto(f"{sheet}/SXD/")
    appraiser_tp.get_by_label("Điểm thẩm định, 1.1. Ban hành văn bản QPPL").fill("1")
    appraiser_tp.get_by_label("Điểm thẩm định, 1.2. Kiểm tra, rà soát văn bản").fill("1")
    appraiser_tp.get_by_role("button", name="Lưu").click()
    expect(appraiser_tp.locator(".message")).to_contain_text("Đã lưu 2 điểm")
    # Second thoughts on 1.2: "take this value" puts the self-assessed score back.
    appraiser_tp.get_by_role("button", name="Lấy điểm tự chấm 3 cho tiêu chí 1.2").click()
    expect(appraiser_tp.get_by_label("Điểm thẩm định, 1.2. Kiểm tra, rà soát văn bản")).to_have_value("3")
    screenshot(appraiser_tp, "31-department-appraises-its-group")
    appraiser_tp.get_by_role("button", name="Lưu").click()
    expect(appraiser_tp.locator(".message")).to_contain_text("Đã lưu 1 điểm")

    appraiser_tc = open_page()
    login(appraiser_tc, base, "tham-tc")
    appraiser_tc.goto(f"{sheet}/STP/")
    appraiser_tc.get_by_label("Điểm thẩm định, 2.1. Giải ngân vốn đầu tư công").fill("3")
    appraiser_tc.get_by_role("button", name="Lưu").click()
    expect(appraiser_tc.locator(".message")).to_contain_text("Đã lưu 1 điểm")
    appraiser_kh = open_page()
    login(appraiser_kh, base, "tham-kh")
    appraiser_kh.goto(f"{sheet}/SKHCN/")
    appraiser_kh.get_by_label("Điểm thẩm định, 3.1. Dịch vụ công trực tuyến").fill("9")
    appraiser_kh.get_by_role("button", name="Lưu").click()
    expect(appraiser_kh.locator(".message")).to_contain_text("Đã lưu 1 điểm")

    # The results are released; two units dispute, each with its text and a file.
    take_step(appraiser_tp, base, "Gửi kết quả thẩm định cho các đơn vị (giải trình)")
    evidence = tmp_path / "bien-ban-ra-soat.pdf"
    evidence.write_bytes(PDF)
    reporter_tc = open_page()
    login(reporter_tc, base, "bao-tc")
    reporter_tc.goto(f"{sheet}/STC/giai-trinh/")
    reporter_tc.get_by_label("Giải trình điểm này").fill("Đã rà soát 42 văn bản, có biên bản kèm theo")
    reporter_tc.get_by_label("Tài liệu kiểm chứng (PDF, DOCX, XLSX, JPG, PNG)").set_input_files(str(evidence))
    reporter_tc.get_by_role("button", name="Gửi người thẩm định").click()
    expect(reporter_tc.locator(".message")).to_contain_text("Đã gửi người thẩm định")
    expect(reporter_tc.get_by_role("link", name="bien-ban-ra-soat.pdf")).to_be_visible()
    reporter_tp.goto(f"{sheet}/STP/giai-trinh/")
    reporter_tp.get_by_label("Giải trình điểm này").fill("Tỷ lệ giải ngân đạt 96%")
    reporter_tp.get_by_role("button", name="Gửi người thẩm định").click()
    expect(reporter_tp.locator(".message")).to_contain_text("Đã gửi người thẩm định")

    # Each dispute is decided by the appraiser of its criterion: STC's by Sở Tư pháp, STP's by Sở Tài chính.
    appraiser_tc.goto(f"{sheet}/STC/giai-trinh/")
    expect(appraiser_tc.get_by_role("button", name="Chấp nhận", exact=True)).to_have_count(0)
    appraiser_tp.goto(f"{sheet}/STC/giai-trinh/")
    screenshot(appraiser_tp, "32-dispute-to-decide")
    appraiser_tp.get_by_role("button", name="Lấy điểm tự chấm (4,00)").click()
    expect(appraiser_tp.locator(".message")).to_contain_text("Đã quyết định")
    appraiser_tc.goto(f"{sheet}/STP/giai-trinh/")
    appraiser_tc.get_by_label("hoặc không chấp nhận, nêu lý do").fill("Số liệu Kho bạc chỉ đạt 81%")
    appraiser_tc.get_by_role("button", name="Không chấp nhận").click()
    expect(appraiser_tc.locator(".message")).to_contain_text("Đã quyết định")

    # The units are told of the decisions by e-mail.
    mails = reminders(env)
    decided = {to: subject for to, subject, _body in mails if "giải trình" in subject.lower()}
    assert "bao-tc@vong.example" in decided and "bao-tp@vong.example" in decided
    assert "1.2" in decided["bao-tc@vong.example"] and "2.1" in decided["bao-tp@vong.example"]

    # The coordinator reads the dashboard: no dispute open, each department's scores appraised.
    coordinator.goto(f"{base}/quan-ly/{SLUG}/tien-do/")
    expect(coordinator.locator(".facts li", has_text="Giải trình đang mở").locator("strong")).to_have_text("0")
    appraisers = coordinator.locator("#appraisers-caption").locator("xpath=..")
    for name in ("tham-tp", "tham-tc"):
        expect(appraisers.locator("tr", has_text=name)).to_contain_text("8/8")  # 2 criteria × 4 units
    expect(appraisers.locator("tr", has_text="tham-kh")).to_contain_text("4/4")
    screenshot(coordinator, "33-dashboard")
    workbook = load_workbook(
        io.BytesIO(coordinator.request.get(f"{base}/quan-ly/{SLUG}/so-lieu-giai-trinh.xlsx").body())
    )
    rows = {row[1]: row for row in workbook.active.iter_rows(min_row=2, values_only=True)}
    header = next(workbook.active.iter_rows(max_row=1, values_only=True))
    stc = dict(zip(header, rows["STC"], strict=True))
    assert (stc["1 — tự đánh giá"], stc["1 — thẩm định"], stc["1 — sau giải trình"]) == (9, 7, 9)

    # The approver approves; the decision drafted for signature holds the computation's figures.
    approver = open_page()
    login(approver, base, "duyet-vong")
    take_step(approver, base, "Phê duyệt kết quả sau giải trình")
    expect(approver.locator(".cycle [aria-current=step]")).to_have_text("Đã phê duyệt")
    document = Document(io.BytesIO(approver.request.get(f"{base}/quan-ly/{SLUG}/du-thao-quyet-dinh.docx").body()))
    exported = json.loads(manage(env, "export_results", SLUG, "--format", "json").stdout)
    (block,) = exported["blocks"]
    appendix = document.tables[2]
    rows = [[cell.text for cell in row.cells] for row in appendix.rows[2:]]
    assert [row[1] for row in rows] == ["Sở Tài chính", "Sở Tư pháp", "Sở Khoa học và Công nghệ", "Sở Xây dựng"]
    for row, unit in zip(rows, block["units"], strict=True):
        groups = [vi(g["score"]) for g in unit["groups"]]
        assert row == [row[0], unit["name"], *groups, vi(unit["score"]), vi(unit["max"]), vi(unit["percent"]),
                       str(unit["rank"]), unit["band"]]  # fmt: skip
    assert [unit["score"] for unit in block["units"]] == ["27.00", "26.00", "24.00", "19.00"]

    for page in (coordinator, appraiser_tp, appraiser_tc, appraiser_kh, reporter_tp, reporter_tc, reporter_xd,
                 approver):  # fmt: skip
        page.watch.errors = [e for e in page.watch.errors if "status of 400" not in e]
        assert page.watch.errors == [], page.watch.errors
        assert page.watch.external == []
