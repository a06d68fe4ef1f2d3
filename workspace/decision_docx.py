"""The decision announcing the results, drafted for signature as a Word document (python-docx).

In the layout of administrative documents (Nghị định 30/2020/NĐ-CP): the issuing body and the number
left blank for the clerk ("Số:      /QĐ-UBND"), the national title and motto, place and date, the
title "QUYẾT ĐỊNH Về việc công bố Chỉ số cải cách hành chính năm …", the legal bases, the articles,
"Nơi nhận" and the signature block; then one appendix per block (landscape), a table of every unit:
STT, unit, the score of each group, total, applicable maximum, percent, rank, band. Every figure is
read from the one computation (`scoring.results`) and written the Vietnamese way (89,11).
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from scoring.frameworks import framework_for
from scoring.numbers import fixed, trimmed
from scoring.results import edition_results

FONT = "Times New Roman"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _number(value):
    return fixed(value, 2, ",") if value is not None else "–"


def _paragraph(document, text="", *, bold=False, italic=False, size=14, align=None, space_after=4, indent=False):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _cell_text(cell, text, *, bold=False, italic=False, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, underline=False):
    paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    # Only what differs from the default is written: thousands of cells, each property an XML element.
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    return paragraph


def _place(edition):
    """ "Quảng Nam" (the province, or the district's name for a district)."""
    name = edition.authority_name
    for prefix in ("UBND tỉnh ", "UBND thành phố ", "UBND huyện ", "UBND thị xã ", "UBND "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return edition.published_province or edition.authority.province or name


def _body_name(edition):
    """ "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"."""
    name = edition.authority_name
    if name.startswith("UBND "):
        name = "Ủy ban nhân dân " + name[5:]
    return name.upper()


def decision_docx(edition):
    """The draft decision of `edition` as DOCX bytes."""
    results = edition_results(edition)
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)

    body, place = _body_name(edition), _place(edition)
    # The heading: issuing body and number | national title, motto, place and date.
    head = document.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    words = body.split(" ", 4)  # "ỦY BAN NHÂN DÂN" over "TỈNH QUẢNG NAM"
    _cell_text(left, " ".join(words[:4]), size=13)
    _cell_text(left, words[4] if len(words) > 4 else "", bold=True, size=13, underline=True)
    _cell_text(left, "Số:        /QĐ-UBND", size=13)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    _cell_text(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, underline=True)
    _cell_text(right, f"{place}, ngày      tháng      năm {edition.year + 1}", italic=True, size=14)

    _paragraph(document, space_after=6)
    _paragraph(document, "QUYẾT ĐỊNH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _paragraph(document, f"Về việc công bố {edition.title}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "───────────", align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
    _paragraph(document, f"CHỦ TỊCH {body}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=8)

    bases = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải "
        "cách hành chính nhà nước giai đoạn 2021 - 2030;",
    ]
    framework = framework_for(edition.index.code, edition.year)
    if framework is not None:
        bases.append(
            f"Căn cứ Quyết định số {framework.number} ngày {framework.date:%d/%m/%Y} của Bộ trưởng Bộ Nội vụ phê "
            "duyệt Đề án xác định Chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ, Ủy ban nhân dân các "
            "tỉnh, thành phố trực thuộc trung ương;"
        )
    bases.append("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số       /TTr-SNV ngày      tháng      năm.")
    for text in bases:
        _paragraph(document, text, italic=True, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _paragraph(document, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=8)
    appendices = [block for block in results.blocks if block.units]
    first = _paragraph(document, "", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    first.add_run("Điều 1. ").bold = True
    first.add_run(f"Công bố {edition.title} (chi tiết tại các Phụ lục kèm theo), cụ thể:")
    for k, block in enumerate(appendices):
        counts = ", ".join(f"{count:02d}/{len(block.units):02d} đơn vị xếp loại {label.lower()}"
                           for label, count in block.band_counts.items())  # fmt: skip
        leaders = ", ".join(unit.name for unit in block.leaders)
        leader = block.leaders[0] if block.leaders else None
        text = f"- {block.name[:1].upper() + block.name[1:]} (Phụ lục {ROMAN[k % len(ROMAN)]}): {counts}"
        if leader is not None:
            text += f"; {leaders} dẫn đầu với {_number(leader.score)} điểm, tỷ lệ {_number(leader.percent)}%"
        _paragraph(document, text + ".", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    second = _paragraph(document, "", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    second.add_run("Điều 2. ").bold = True
    second.add_run(
        "Giao Sở Nội vụ công khai kết quả trên Cổng thông tin điện tử; các cơ quan, đơn vị, địa phương căn cứ "
        "kết quả Chỉ số cải cách hành chính để khắc phục hạn chế, nâng cao hiệu quả công tác cải cách hành chính."
    )
    third = _paragraph(document, "", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    third.add_run("Điều 3. ").bold = True
    third.add_run(
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, "
        "đơn vị và các địa phương có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )

    signature = document.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    _cell_text(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in ("- Như Điều 3;", "- Bộ Nội vụ;", "- Chủ tịch, các Phó Chủ tịch;", "- Lưu: VT."):
        _cell_text(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(right, "CHỦ TỊCH", bold=True, size=14)

    for k, block in enumerate(appendices):
        _appendix(document, edition, block, ROMAN[k % len(ROMAN)])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _appendix(document, edition, block, number):
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)
    _paragraph(document, f"Phụ lục {number}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _paragraph(document, f"KẾT QUẢ {edition.title.upper()}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               space_after=0, size=13)  # fmt: skip
    _paragraph(document, block.name.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, size=13)
    _paragraph(document, f"(Kèm theo Quyết định số       /QĐ-UBND ngày      tháng      năm {edition.year + 1} của "
               f"{edition.authority_name})", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)  # fmt: skip
    headers = ["STT", "Đơn vị"] + [f"{g.code}" for g in block.groups]
    headers += ["Tổng điểm", "Điểm tối đa áp dụng", "Tỷ lệ (%)", "Xếp hạng", "Xếp loại"]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, text, bold=True, size=10)
    maxima = table.add_row().cells  # the maximum of each group, under its number
    _cell_text(maxima[1], "Điểm tối đa", italic=True, size=10, align=WD_ALIGN_PARAGRAPH.LEFT)
    for k, group in enumerate(block.groups):
        _cell_text(maxima[2 + k], trimmed(group.max, ","), italic=True, size=10)
    for position, unit in enumerate(block.units, start=1):
        cells = table.add_row().cells
        values = [str(position), unit.name]
        values += [_number(g.score) if g.max_cents else "–" for g in unit.groups]
        values += [_number(unit.score), _number(unit.max), _number(unit.percent), str(unit.rank), unit.band or "–"]
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if column == 1 else WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cell, text, size=10, align=align)
    _paragraph(document, "Nhóm tiêu chí: " + "; ".join(f"{g.code}. {g.name}" for g in block.groups) + ".",
               italic=True, size=11)  # fmt: skip
