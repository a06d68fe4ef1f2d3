"""Write fixtures/*.json: the seed decisions as edition files.

Run once by hand (`python scripts/make_seed_fixtures.py`); the JSON files are what the portal
loads. The figures the seed articles print are set here literally. Everything else (the other
units' scores, how each score splits over sub-criteria, band thresholds the articles do not give)
is illustrative, drawn from a fixed random seed so that the files never change between runs, and
each edition's note says so.
"""

import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures"
D = Decimal


def q2(x):
    return D(x).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def plain(x):
    return format(D(x).normalize(), "f")


COMMON_BANDS = [
    {"label": "Xuất sắc", "min_percent": "90"},
    {"label": "Tốt", "min_percent": "80"},
    {"label": "Khá", "min_percent": "70"},
    {"label": "Trung bình", "min_percent": "50"},
    {"label": "Yếu", "min_percent": "0"},
]


def group(code, name, *leaves):
    return {
        "code": code,
        "name": name,
        "max": plain(sum(D(leaf["max"]) for leaf in leaves)),
        "children": list(leaves),
    }


def leaf(code, name, maximum, source=None):
    item = {"code": code, "name": name, "max": plain(maximum)}
    if source:
        item["source"] = source
    return item


# Criteria sets (illustrative sub-criteria; the eight groups are those of seed 004).
SO_SET = [
    group(
        "1",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        leaf("1.1", "Kế hoạch cải cách hành chính năm", 3),
        leaf("1.2", "Báo cáo cải cách hành chính", 2),
        leaf("1.3", "Kiểm tra công tác cải cách hành chính", 2),
        leaf("1.4", "Công tác tuyên truyền cải cách hành chính", 3),
    ),
    group(
        "2",
        "Cải cách thể chế",
        leaf("2.1", "Tham mưu xây dựng văn bản quy phạm pháp luật", 4),
        leaf("2.2", "Rà soát, hệ thống hóa văn bản", 2),
        leaf("2.3", "Theo dõi thi hành pháp luật", 2),
    ),
    group(
        "3",
        "Cải cách thủ tục hành chính",
        leaf("3.1", "Rà soát, đơn giản hóa thủ tục hành chính", 4),
        leaf("3.2", "Công khai thủ tục hành chính", 4),
        leaf("3.3", "Kết quả giải quyết thủ tục hành chính", 8),
    ),
    group(
        "4",
        "Cải cách tổ chức bộ máy hành chính",
        leaf("4.1", "Sắp xếp tổ chức bộ máy", 4),
        leaf("4.2", "Thực hiện phân cấp quản lý", 4),
    ),
    group(
        "5",
        "Cải cách công vụ",
        leaf("5.1", "Vị trí việc làm và cơ cấu ngạch công chức", 4),
        leaf("5.2", "Tuyển dụng, đánh giá công chức", 3),
        leaf("5.3", "Kỷ luật, kỷ cương hành chính", 3),
    ),
    group(
        "6",
        "Cải cách tài chính công",
        leaf("6.1", "Quản lý, sử dụng tài chính, ngân sách", 4),
        leaf("6.2", "Cơ chế tự chủ của đơn vị sự nghiệp công lập", 4),
    ),
    group(
        "7",
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        leaf("7.1", "Ứng dụng công nghệ thông tin", 4),
        leaf("7.2", "Dịch vụ công trực tuyến", 6),
        leaf("7.3", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 4),
    ),
    group(
        "8",
        "Tác động của cải cách hành chính",
        leaf("8.1", "Điều tra xã hội học: đánh giá của lãnh đạo, công chức", 12, "survey"),
        leaf("8.2", "Mức độ hài lòng của người dân, tổ chức (SIPAS)", 8, "survey"),
        leaf("8.3", "Tác động đến phát triển của ngành, lĩnh vực", 6),
    ),
]

NGANH_DOC_SET = [
    group(
        "1",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        leaf("1.1", "Kế hoạch cải cách hành chính năm", 4),
        leaf("1.2", "Báo cáo, kiểm tra cải cách hành chính", 4),
        leaf("1.3", "Công tác tuyên truyền cải cách hành chính", 4),
    ),
    group("2", "Cải cách thể chế", leaf("2.1", "Phối hợp xây dựng văn bản quy phạm pháp luật của tỉnh", 5)),
    group(
        "3",
        "Cải cách thủ tục hành chính",
        leaf("3.1", "Công khai thủ tục hành chính", 6),
        leaf("3.2", "Kết quả giải quyết thủ tục hành chính", 14),
    ),
    group("4", "Cải cách tổ chức bộ máy hành chính", leaf("4.1", "Thực hiện quy định về tổ chức bộ máy", 8)),
    group(
        "5",
        "Cải cách công vụ",
        leaf("5.1", "Quản lý, đánh giá công chức", 6),
        leaf("5.2", "Kỷ luật, kỷ cương hành chính", 6),
    ),
    group("6", "Cải cách tài chính công", leaf("6.1", "Quản lý, sử dụng tài chính, ngân sách", 8)),
    group(
        "7",
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        leaf("7.1", "Ứng dụng công nghệ thông tin", 6),
        leaf("7.2", "Dịch vụ công trực tuyến", 9),
    ),
    group(
        "8",
        "Tác động của cải cách hành chính",
        leaf("8.1", "Điều tra xã hội học", 12, "survey"),
        leaf("8.2", "Mức độ hài lòng của người dân, tổ chức", 8, "survey"),
    ),
]

HUYEN_SET = [
    group(
        "1",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        leaf("1.1", "Kế hoạch cải cách hành chính năm", 3),
        leaf("1.2", "Báo cáo, kiểm tra cải cách hành chính", 3),
        leaf("1.3", "Công tác tuyên truyền cải cách hành chính", 3),
    ),
    group(
        "2",
        "Cải cách thể chế",
        leaf("2.1", "Ban hành văn bản quy phạm pháp luật", 3),
        leaf("2.2", "Rà soát văn bản, theo dõi thi hành pháp luật", 4),
    ),
    group(
        "3",
        "Cải cách thủ tục hành chính",
        leaf("3.1", "Công khai thủ tục hành chính", 5),
        leaf("3.2", "Cơ chế một cửa, một cửa liên thông", 4),
        leaf("3.3", "Kết quả giải quyết thủ tục hành chính", 6),
    ),
    group("4", "Cải cách tổ chức bộ máy hành chính", leaf("4.1", "Sắp xếp tổ chức bộ máy", 6)),
    group(
        "5",
        "Cải cách công vụ",
        leaf("5.1", "Vị trí việc làm, tuyển dụng, đánh giá", 5),
        leaf("5.2", "Kỷ luật, kỷ cương hành chính", 5),
    ),
    group(
        "6",
        "Cải cách tài chính công",
        leaf("6.1", "Quản lý, sử dụng tài chính, ngân sách", 4),
        leaf("6.2", "Tự chủ của đơn vị sự nghiệp công lập", 3),
    ),
    group(
        "7",
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        leaf("7.1", "Ứng dụng công nghệ thông tin", 5),
        leaf("7.2", "Dịch vụ công trực tuyến", 4),
        leaf("7.3", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 4),
    ),
    group(
        "8",
        "Tác động của cải cách hành chính",
        leaf("8.1", "Điều tra xã hội học", 13, "survey"),
        leaf("8.2", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", 10, "survey"),
        leaf("8.3", "Tác động đến phát triển kinh tế - xã hội", 10),
    ),
]

XA_SET = [  # Tiên Phước 2022: the eight groups and their maxima as seed 001 gives them
    leaf("1", "Công tác chỉ đạo điều hành cải cách hành chính", D("13.5")),
    leaf("2", "Cải cách thể chế", 3),
    leaf("3", "Cải cách thủ tục hành chính", 21),
    leaf("4", "Cải cách tổ chức bộ máy hành chính", 6),
    leaf("5", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức", 9),
    leaf("6", "Cải cách tài chính công", 5),
    leaf("7", "Xây dựng chính quyền điện tử, chính quyền số", 11),
    leaf("8", "Tác động của cải cách hành chính", D("31.5"), "survey"),
]

SERVICE_SET = [  # Quyết định 766/QĐ-TTg: six components, 100 points
    leaf("1", "Công khai, minh bạch", 18),
    leaf("2", "Tiến độ giải quyết", 20),
    leaf("3", "Dịch vụ công trực tuyến", 12),
    leaf("4", "Thanh toán trực tuyến", 10),
    leaf("5", "Mức độ hài lòng", 18),
    leaf("6", "Số hóa hồ sơ", 22),
]


def leaves_of(tree):
    for node in tree:
        if node.get("children"):
            yield from leaves_of(node["children"])
        else:
            yield node


def distribute(total, leaves, rng, fixed=None):
    """Split `total` over `leaves` (code → max) in hundredths, each within [0, max]."""
    fixed = dict(fixed or {})
    free = {code: int(D(m) * 100) for code, m in leaves.items() if code not in fixed}
    target = int(q2(total) * 100) - sum(int(D(v) * 100) for v in fixed.values())
    room = sum(free.values())
    assert 0 <= target <= room, (total, target, room)
    ratio = target / room if room else 0
    cents = {}
    for code, m in free.items():
        r = 1.0 if rng.random() < 0.35 else min(1.0, max(0.0, ratio + rng.uniform(-0.2, 0.08)))
        cents[code] = round(m * r)
    diff = target - sum(cents.values())
    codes = list(free)
    while diff:
        rng.shuffle(codes)
        for code in codes:
            if diff > 0 and cents[code] < free[code]:
                step = min(diff, free[code] - cents[code], max(1, free[code] // 10))
                cents[code] += step
                diff -= step
            elif diff < 0 and cents[code] > 0:
                step = min(-diff, cents[code], max(1, free[code] // 10))
                cents[code] -= step
                diff += step
            if not diff:
                break
    out = {code: D(c) / 100 for code, c in cents.items()}
    out.update({code: D(v) for code, v in fixed.items()})
    return out


def unit_scores(unit_code, tree, total, *, not_assessed=(), fixed=None, rng):
    leaves = {node["code"]: node["max"] for node in leaves_of(tree) if node["code"] not in not_assessed}
    split = distribute(total, leaves, rng, fixed)
    rows = []
    for node in leaves_of(tree):
        code = node["code"]
        score = None if code in not_assessed else plain(split[code])
        rows.append({"unit": unit_code, "criterion": code, "score": score})
    return rows


def set_max(tree, not_assessed=()):
    return sum(D(n["max"]) for n in leaves_of(tree) if n["code"] not in not_assessed)


def block_units(block_code, tree, units, rng):
    """units: (code, name, percent or (score,), not_assessed, extra) → (unit dicts, score rows)."""
    out_units, rows = [], []
    for code, name, figure, not_assessed, extra in units:
        maximum = set_max(tree, not_assessed)
        total = figure[0] if isinstance(figure, tuple) else q2(D(figure) * maximum / 100)
        item = {"code": code, "name": name, **extra.get("unit", {})}
        out_units.append(item)
        rows += unit_scores(code, tree, D(total), not_assessed=not_assessed, fixed=extra.get("fixed"), rng=rng)
    return out_units, rows


def spread(top, bottom, n):
    """n descending percentages from top to bottom, 2 decimals."""
    if n == 1:
        return [q2(top)]
    step = (D(top) - D(bottom)) / (n - 1)
    return [q2(D(top) - step * i) for i in range(n)]


def write(name, doc):
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", path)


ILLUSTRATIVE = (
    "Các số liệu bài báo công bố được giữ nguyên: {kept}. Điểm của các đơn vị khác, điểm từng tiêu chí thành "
    "phần{extra} là số liệu minh họa, không phải kết quả chính thức."
)


def quang_nam_2023():
    rng = random.Random(2649)
    so_names = [
        ("SNV", "Sở Nội vụ"),
        ("STP", "Sở Tư pháp"),
        ("SKHDT", "Sở Kế hoạch và Đầu tư"),
        ("STC", "Sở Tài chính"),
        ("SCT", "Sở Công Thương"),
        ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("SGTVT", "Sở Giao thông vận tải"),
        ("SXD", "Sở Xây dựng"),
        ("STNMT", "Sở Tài nguyên và Môi trường"),
        ("STTTT", "Sở Thông tin và Truyền thông"),
        ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội"),
        ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("SKHCN", "Sở Khoa học và Công nghệ"),
        ("SGDDT", "Sở Giáo dục và Đào tạo"),
        ("SYT", "Sở Y tế"),
        ("TTT", "Thanh tra tỉnh"),
        ("VPUBND", "Văn phòng UBND tỉnh"),
        ("SNGV", "Sở Ngoại vụ"),
        ("BDT", "Ban Dân tộc tỉnh"),
        ("BQLKKT", "Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh"),
    ]
    # Sở Nội vụ: 89,11 of an applicable 92 = 96,86%; 14 more "tốt" (≥ 90%), 5 "khá".
    so_percent = spread("96.20", "90.35", 14) + spread("89.40", "84.10", 5)
    so_units = [("SNV", "Sở Nội vụ", (D("89.11"),), ("3.1", "6.2"), {})]
    for (code, name), pct in zip(so_names[1:], so_percent, strict=True):
        na = ("6.2",) if code in ("SKHDT", "STP", "TTT", "SNGV") else ()
        so_units.append((code, name, pct, na, {}))
    nd_units = [
        ("KBNN", "Kho bạc Nhà nước", (D("92.87"),), ("2.1",), {}),
        ("CTHUE", "Cục Thuế tỉnh", "88.64", ("2.1",), {}),
        ("BHXH", "Bảo hiểm xã hội tỉnh", "86.90", (), {}),
        ("CHQ", "Cục Hải quan tỉnh", "85.12", ("2.1",), {}),
        ("NHNN", "Ngân hàng Nhà nước chi nhánh tỉnh", "81.47", ("2.1",), {}),
    ]
    huyen = [
        ("BAC-TRA-MY", "UBND huyện Bắc Trà My"),
        ("HOI-AN", "UBND thành phố Hội An"),
        ("TAM-KY", "UBND thành phố Tam Kỳ"),
        ("DIEN-BAN", "UBND thị xã Điện Bàn"),
        ("NUI-THANH", "UBND huyện Núi Thành"),
        ("PHU-NINH", "UBND huyện Phú Ninh"),
        ("TIEN-PHUOC", "UBND huyện Tiên Phước"),
        ("DAI-LOC", "UBND huyện Đại Lộc"),
        ("DUY-XUYEN", "UBND huyện Duy Xuyên"),
        ("NAM-TRA-MY", "UBND huyện Nam Trà My"),
        ("HIEP-DUC", "UBND huyện Hiệp Đức"),
        ("THANG-BINH", "UBND huyện Thăng Bình"),
        ("NAM-GIANG", "UBND huyện Nam Giang"),
        ("DONG-GIANG", "UBND huyện Đông Giang"),
        ("QUE-SON", "UBND huyện Quế Sơn"),
        ("PHUOC-SON", "UBND huyện Phước Sơn"),
        ("NONG-SON", "UBND huyện Nông Sơn"),
        ("TAY-GIANG", "UBND huyện Tây Giang"),
    ]
    huyen_units = [("BAC-TRA-MY", "UBND huyện Bắc Trà My", (D("89.45"),), (), {})]
    for (code, name), pct in zip(huyen[1:], spread("88.96", "80.62", 17), strict=True):
        huyen_units.append((code, name, pct, (), {}))

    bands = [
        {"label": "Tốt", "min_percent": "90"},
        {"label": "Khá", "min_percent": "80"},
        {"label": "Trung bình", "min_percent": "65"},
        {"label": "Yếu", "min_percent": "0"},
    ]
    blocks, scores = [], []
    for code, name, tree_name, tree, units in (
        ("so", "các Sở, ban, ngành", "so", SO_SET, so_units),
        ("nganh-doc", "các cơ quan ngành dọc cấp tỉnh", "nganh-doc", NGANH_DOC_SET, nd_units),
        ("huyen", "UBND các huyện, thị xã, thành phố", "huyen", HUYEN_SET, huyen_units),
    ):
        unit_dicts, rows = block_units(code, tree, units, rng)
        blocks.append({"code": code, "name": name, "criteria_set": tree_name, "units": unit_dicts})
        scores += rows
    write(
        "quang-nam-2023-cchc",
        {
            "format": "parindex-edition/1",
            "slug": "quang-nam-2023-cchc",
            "authority": {"name": "UBND tỉnh Quảng Nam", "level": "province", "province": "Quảng Nam"},
            "index": "cchc",
            "year": 2023,
            "title": "Chỉ số cải cách hành chính năm 2023 của các Sở, Ban, ngành, các cơ quan ngành dọc cấp tỉnh; "
            "UBND các huyện, thị xã, thành phố",
            "note": ILLUSTRATIVE.format(
                kept="Sở, ban, ngành 15/20 tốt, 05/20 khá, Sở Nội vụ dẫn đầu với 89,11 điểm, tỷ lệ 96,86%; cơ quan ngành "
                "dọc 01/05 tốt, 04/05 khá, Kho bạc Nhà nước dẫn đầu với 92,87 điểm, tỷ lệ 97,76%; 18/18 huyện, thị "
                "xã, thành phố xếp loại khá, UBND huyện Bắc Trà My dẫn đầu với 89,45 điểm, tỷ lệ 89,45%",
                extra=", bộ tiêu chí chi tiết và ngưỡng xếp loại (Tốt từ 90%, Khá từ 80%)",
            ),
            "bands": bands,
            "criteria_sets": {"so": SO_SET, "nganh-doc": NGANH_DOC_SET, "huyen": HUYEN_SET},
            "blocks": blocks,
            "scores": scores,
            "decision": {
                "number": "2649/QĐ-UBND",
                "date": "2023-12-12",
                "signer": "",
                "title": "Phê duyệt và công bố Chỉ số cải cách hành chính của các Sở, Ban, ngành, các cơ quan ngành dọc "
                "cấp tỉnh; Ủy ban nhân dân các huyện, thị xã, thành phố năm 2023",
            },
        },
    )


def dak_nong_2023():
    rng = random.Random(151)
    so = [
        ("CTHUE", "Cục Thuế tỉnh"),
        ("BHXH", "Bảo hiểm xã hội tỉnh"),
        ("KBNN", "Kho bạc Nhà nước tỉnh"),
        ("TTT", "Thanh tra tỉnh"),
        ("SNV", "Sở Nội vụ"),
        ("STP", "Sở Tư pháp"),
        ("STTTT", "Sở Thông tin và Truyền thông"),
        ("SKHDT", "Sở Kế hoạch và Đầu tư"),
        ("STC", "Sở Tài chính"),
        ("SCT", "Sở Công Thương"),
        ("VPUBND", "Văn phòng UBND tỉnh"),
        ("SKHCN", "Sở Khoa học và Công nghệ"),
        ("SGDDT", "Sở Giáo dục và Đào tạo"),
        ("SYT", "Sở Y tế"),
        ("SXD", "Sở Xây dựng"),
        ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("SGTVT", "Sở Giao thông vận tải"),
        ("STNMT", "Sở Tài nguyên và Môi trường"),
        ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội"),
        ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("BDT", "Ban Dân tộc tỉnh"),
        ("BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh"),
    ]
    pct = spread("95.64", "91.02", 4) + spread("89.31", "80.45", 9) + spread("79.58", "70.80", 9)
    so_units = [
        (c, n, p, ("6.2",) if c in ("CTHUE", "BHXH", "KBNN") else (), {}) for (c, n), p in zip(so, pct, strict=True)
    ]
    huyen = [
        ("GIA-NGHIA", "UBND thành phố Gia Nghĩa"),
        ("DAK-MIL", "UBND huyện Đắk Mil"),
        ("CU-JUT", "UBND huyện Cư Jút"),
        ("DAK-RLAP", "UBND huyện Đắk R'Lấp"),
        ("KRONG-NO", "UBND huyện Krông Nô"),
        ("DAK-SONG", "UBND huyện Đắk Song"),
        ("TUY-DUC", "UBND huyện Tuy Đức"),
        ("DAK-GLONG", "UBND huyện Đắk Glong"),
    ]
    # SIPAS: 75,81% at district level overall, worth up to 10 points: 60,65 of 8 × 10 points.
    sipas = ["8.12", "7.95", "7.80", "7.66", "7.51", "7.43", "7.18", "7.00"]
    hpct = spread("86.74", "81.20", 3) + spread("78.95", "72.30", 5)
    huyen_units = [(c, n, p, (), {"fixed": {"8.2": s}}) for (c, n), p, s in zip(huyen, hpct, sipas, strict=True)]
    blocks, scores = [], []
    for code, name, tree, units in (
        ("so", "các sở, ban, ngành", SO_SET, so_units),
        ("huyen", "UBND cấp huyện", HUYEN_SET, huyen_units),
    ):
        unit_dicts, rows = block_units(code, tree, units, rng)
        blocks.append({"code": code, "name": name, "criteria_set": code, "units": unit_dicts})
        scores += rows
    write(
        "dak-nong-2023-cchc",
        {
            "format": "parindex-edition/1",
            "slug": "dak-nong-2023-cchc",
            "authority": {"name": "UBND tỉnh Đắk Nông", "level": "province", "province": "Đắk Nông"},
            "index": "cchc",
            "year": 2023,
            "title": "Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành và UBND các huyện, thành phố Gia Nghĩa",
            "note": ILLUSTRATIVE.format(
                kept="sở, ban, ngành 04 xuất sắc, 09 tốt, 09 khá, dẫn đầu là Cục Thuế tỉnh, Bảo hiểm xã hội tỉnh, Kho bạc "
                "Nhà nước tỉnh, Thanh tra tỉnh; UBND cấp huyện 03/08 tốt, 05/08 khá, không có xuất sắc; chỉ số SIPAS "
                "cấp huyện 75,81%, chiếm 10/100 điểm",
                extra=" (kể cả điểm SIPAS của từng huyện)",
            ),
            "bands": COMMON_BANDS,
            "criteria_sets": {"so": SO_SET, "huyen": HUYEN_SET},
            "blocks": blocks,
            "scores": scores,
            "decision": {
                "number": "151/QĐ-UBND",
                "date": "2024-02-06",
                "signer": "Chủ tịch UBND tỉnh Đắk Nông",
                "title": "Công bố Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành và UBND các huyện, "
                "thành phố Gia Nghĩa",
            },
        },
    )


def ha_tinh_2023():
    rng = random.Random(519)
    xs, tot = "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"
    so = [
        ("SKHCN", "Sở Khoa học và Công nghệ", xs),
        ("STTTT", "Sở Thông tin và Truyền thông", xs),
        ("SNGV", "Sở Ngoại vụ", xs),
        ("SCT", "Sở Công Thương", xs),
        ("STC", "Sở Tài chính", xs),
        ("SNV", "Sở Nội vụ", None),
        ("STP", "Sở Tư pháp", None),
        ("SKHDT", "Sở Kế hoạch và Đầu tư", None),
        ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", None),
        ("SGTVT", "Sở Giao thông vận tải", None),
        ("SXD", "Sở Xây dựng", None),
        ("STNMT", "Sở Tài nguyên và Môi trường", None),
        ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", None),
        ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", None),
        ("SDL", "Sở Du lịch", None),
        ("SGDDT", "Sở Giáo dục và Đào tạo", None),
        ("SYT", "Sở Y tế", None),
        ("TTT", "Thanh tra tỉnh", None),
        ("VPUBND", "Văn phòng UBND tỉnh", None),
        ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", None),
    ]
    so_pct = spread("95.80", "90.10", 5) + spread("89.60", "80.20", 10) + spread("79.40", "74.00", 5)
    so_units = [
        (c, n, p, (), {"unit": {"head_rating": r}} if r else {}) for (c, n, r), p in zip(so, so_pct, strict=True)
    ]
    huyen = [
        ("TP-HA-TINH", "UBND thành phố Hà Tĩnh", xs),
        ("TX-KY-ANH", "UBND thị xã Kỳ Anh", xs),
        ("THACH-HA", "UBND huyện Thạch Hà", xs),
        ("HONG-LINH", "UBND thị xã Hồng Lĩnh", xs),
        ("CAM-XUYEN", "UBND huyện Cẩm Xuyên", xs),
        ("HUONG-SON", "UBND huyện Hương Sơn", xs),
        ("CAN-LOC", "UBND huyện Can Lộc", tot),
        ("DUC-THO", "UBND huyện Đức Thọ", tot),
        ("NGHI-XUAN", "UBND huyện Nghi Xuân", tot),
        ("LOC-HA", "UBND huyện Lộc Hà", tot),
        ("H-KY-ANH", "UBND huyện Kỳ Anh", tot),
        ("HUONG-KHE", "UBND huyện Hương Khê", tot),
        ("VU-QUANG", "UBND huyện Vũ Quang", tot),
    ]
    huyen_units = [
        (c, n, p, (), {"unit": {"head_rating": r}})
        for (c, n, r), p in zip(huyen, spread("93.85", "88.10", 6) + spread("87.40", "82.30", 7), strict=True)
    ]
    tw = [
        ("CHQ", "Cục Hải quan Hà Tĩnh"),
        ("CA", "Công an tỉnh"),
        ("CTHUE", "Cục Thuế tỉnh"),
        ("NHNN", "Ngân hàng Nhà nước chi nhánh tỉnh"),
        ("BHXH", "Bảo hiểm xã hội tỉnh"),
        ("KBNN", "Kho bạc Nhà nước tỉnh"),
    ]
    tw_units = [
        (c, n, p, ("2.1",), {"unit": {"head_rating": xs}})
        for (c, n), p in zip(tw, spread("96.40", "90.60", 6), strict=True)
    ]
    blocks, scores = [], []
    for code, name, set_name, tree, units in (
        ("so", "khối Sở, ngành", "so", SO_SET, so_units),
        ("huyen", "khối UBND các huyện, thành phố, thị xã", "huyen", HUYEN_SET, huyen_units),
        ("trung-uong", "khối các cơ quan Trung ương đóng trên địa bàn", "nganh-doc", NGANH_DOC_SET, tw_units),
    ):
        unit_dicts, rows = block_units(code, tree, units, rng)
        blocks.append({"code": code, "name": name, "criteria_set": set_name, "units": unit_dicts})
        scores += rows
    write(
        "ha-tinh-2023-cchc",
        {
            "format": "parindex-edition/1",
            "slug": "ha-tinh-2023-cchc",
            "authority": {
                "name": "UBND tỉnh Hà Tĩnh",
                "level": "province",
                "province": "Hà Tĩnh",
                "summary_leaders": 3,
            },
            "index": "cchc",
            "year": 2023,
            "title": "Chỉ số cải cách hành chính năm 2023 của các Sở, ban, ngành, UBND cấp huyện và các cơ quan Trung "
            "ương trên địa bàn",
            "note": ILLUSTRATIVE.format(
                kept="ba đơn vị dẫn đầu mỗi khối theo đúng thứ tự bài báo nêu và mức độ hoàn thành nhiệm vụ của người đứng "
                "đầu bài báo liệt kê",
                extra=", ngưỡng xếp loại và ngày ký quyết định (ghi theo ngày đăng tin 23/02/2024; bài báo không nêu ngày "
                "ký)",
            ),
            "bands": COMMON_BANDS,
            "criteria_sets": {"so": SO_SET, "huyen": HUYEN_SET, "nganh-doc": NGANH_DOC_SET},
            "blocks": blocks,
            "scores": scores,
            "decision": {
                "number": "519/QĐ-UBND",
                "date": "2024-02-23",
                "signer": "",
                "title": "Phê duyệt Chỉ số cải cách hành chính năm 2023 và kết quả đánh giá mức độ hoàn thành nhiệm vụ của "
                "người đứng đầu trong thực hiện cải cách hành chính của các Sở, ban, ngành, UBND cấp huyện và các "
                "cơ quan Trung ương trên địa bàn",
            },
        },
    )


def tien_phuoc_2022():
    rng = random.Random(214)
    xa = [
        ("TIEN-KY", "UBND thị trấn Tiên Kỳ"),
        ("TIEN-SON", "UBND xã Tiên Sơn"),
        ("TIEN-PHONG", "UBND xã Tiên Phong"),
        ("TIEN-CHAU", "UBND xã Tiên Châu"),
        ("TIEN-LANH", "UBND xã Tiên Lãnh"),
        ("TIEN-NGOC", "UBND xã Tiên Ngọc"),
        ("TIEN-HIEP", "UBND xã Tiên Hiệp"),
        ("TIEN-CANH", "UBND xã Tiên Cảnh"),
        ("TIEN-LAP", "UBND xã Tiên Lập"),
        ("TIEN-HA", "UBND xã Tiên Hà"),
        ("TIEN-CAM", "UBND xã Tiên Cẩm"),
        ("TIEN-LOC", "UBND xã Tiên Lộc"),
        ("TIEN-AN", "UBND xã Tiên An"),
        ("TIEN-THO", "UBND xã Tiên Thọ"),
        ("TIEN-MY", "UBND xã Tiên Mỹ"),
    ]
    pct = [*spread("91.20", "86.35", 3), None, *spread("85.40", "71.85", 11)]
    tien_chau = {"1": "12.97", "2": "3", "3": "17.5", "4": "6", "5": "8.5", "6": "3", "7": "8.78", "8": "26.07"}
    units = []
    for (code, name), p in zip(xa, pct, strict=True):
        if code == "TIEN-CHAU":
            units.append((code, name, (D("85.82"),), (), {"fixed": tien_chau}))
        else:
            units.append((code, name, p, (), {}))
    unit_dicts, scores = block_units("xa", XA_SET, units, rng)
    write(
        "tien-phuoc-2022-cchc",
        {
            "format": "parindex-edition/1",
            "slug": "tien-phuoc-2022-cchc",
            "authority": {"name": "UBND huyện Tiên Phước", "level": "district", "province": "Quảng Nam"},
            "index": "cchc",
            "year": 2022,
            "title": "Chỉ số cải cách hành chính năm 2022 của UBND các xã, thị trấn",
            "note": ILLUSTRATIVE.format(
                kept="UBND xã Tiên Châu đạt 85,82 điểm, xếp loại tốt, xếp thứ 4/15 xã, thị trấn, với điểm tám lĩnh vực "
                "12,97/13,5; 3/3; 17,5/21; 6/6; 8,5/9; 3/5; 8,78/11; 26,07/31,5",
                extra=" và ngưỡng xếp loại; khối phòng ban chuyên môn của quyết định không được đưa vào",
            ),
            "bands": COMMON_BANDS,
            "criteria_sets": {"xa": XA_SET},
            "blocks": [{"code": "xa", "name": "UBND các xã, thị trấn", "criteria_set": "xa", "units": unit_dicts}],
            "scores": scores,
            "decision": {
                "number": "214/QĐ-UBND",
                "date": "2023-01-12",
                "signer": "",
                "title": "Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022 của các phòng ban chuyên môn và UBND "
                "xã, thị trấn",
            },
        },
    )


def quang_nam_2024_service():
    rng = random.Random(2024)
    province = {"1": "13.2", "2": "18.4", "3": "7.7", "4": "7.6", "5": "17.6", "6": "15.6"}
    so = [
        ("SCT", "Sở Công Thương", "92.40"),
        ("SNGV", "Sở Ngoại vụ", "88.90"),
        ("SKHCN", "Sở Khoa học và Công nghệ", "87.75"),
        ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "86.30"),
        ("STP", "Sở Tư pháp", "85.10"),
        ("SNV", "Sở Nội vụ", "84.45"),
        ("SGTVT", "Sở Giao thông vận tải", "83.20"),
        ("SGDDT", "Sở Giáo dục và Đào tạo", "81.95"),
        ("SVHTTDL", "Sở Văn hóa - Thể thao và Du lịch", "80.60"),
        ("SKHDT", "Sở Kế hoạch và Đầu tư", "78.40"),
        ("STC", "Sở Tài chính", "77.15"),
        ("SXD", "Sở Xây dựng", "75.80"),
        ("STNMT", "Sở Tài nguyên và Môi trường", "74.35"),
        ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "72.90"),
        ("SYT", "Sở Y tế", "71.60"),
        ("STTTT", "Sở Thông tin và Truyền thông", "68.25"),
    ]
    huyen = [
        ("NAM-GIANG", "UBND huyện Nam Giang"),
        ("HIEP-DUC", "UBND huyện Hiệp Đức"),
        ("DAI-LOC", "UBND huyện Đại Lộc"),
        ("HOI-AN", "UBND thành phố Hội An"),
        ("TIEN-PHUOC", "UBND huyện Tiên Phước"),
        ("NAM-TRA-MY", "UBND huyện Nam Trà My"),
        ("BAC-TRA-MY", "UBND huyện Bắc Trà My"),
        ("DIEN-BAN", "UBND thị xã Điện Bàn"),
        ("PHUOC-SON", "UBND huyện Phước Sơn"),
        ("NUI-THANH", "UBND huyện Núi Thành"),
        ("DUY-XUYEN", "UBND huyện Duy Xuyên"),
        ("DONG-GIANG", "UBND huyện Đông Giang"),
        ("PHU-NINH", "UBND huyện Phú Ninh"),
        ("TAM-KY", "UBND thành phố Tam Kỳ"),
        ("THANG-BINH", "UBND huyện Thăng Bình"),
        ("QUE-SON", "UBND huyện Quế Sơn"),
        ("NONG-SON", "UBND huyện Nông Sơn"),
        ("TAY-GIANG", "UBND huyện Tây Giang"),
    ]
    blocks, scores = [], []
    units, rows = block_units(
        "tinh", SERVICE_SET, [("QUANG-NAM", "Tỉnh Quảng Nam", (D("80.1"),), (), {"fixed": province})], rng
    )
    blocks.append({"code": "tinh", "name": "tỉnh Quảng Nam", "criteria_set": "service", "units": units})
    scores += rows
    units, rows = block_units("so", SERVICE_SET, [(c, n, p, (), {}) for c, n, p in so], rng)
    blocks.append({"code": "so", "name": "các sở, ban, ngành", "criteria_set": "service", "units": units})
    scores += rows
    hpct = spread("89.70", "80.35", 13) + spread("79.20", "72.60", 5)
    units, rows = block_units(
        "huyen", SERVICE_SET, [(c, n, p, (), {}) for (c, n), p in zip(huyen, hpct, strict=True)], rng
    )
    blocks.append({"code": "huyen", "name": "UBND cấp huyện", "criteria_set": "service", "units": units})
    scores += rows
    write(
        "quang-nam-2024-service",
        {
            "format": "parindex-edition/1",
            "slug": "quang-nam-2024-service",
            "authority": {"name": "UBND tỉnh Quảng Nam", "level": "province", "province": "Quảng Nam"},
            "index": "service",
            "year": 2024,
            "title": "Bộ chỉ số phục vụ người dân, doanh nghiệp năm 2024",
            "note": ILLUSTRATIVE.format(
                kept="sáu chỉ số thành phần của tỉnh Quảng Nam 13,2/18; 18,4/20; 7,7/12; 7,6/10; 17,6/18; 15,6/22; Sở Công "
                "Thương dẫn đầu, xếp loại xuất sắc; 8 sở xếp loại tốt và 13 địa phương cấp huyện xếp loại tốt theo "
                "thứ tự bài báo liệt kê",
                extra=", số sở, ban, ngành được đánh giá; chưa có quyết định công bố",
            ),
            "bands": COMMON_BANDS,
            "criteria_sets": {"service": SERVICE_SET},
            "blocks": blocks,
            "scores": scores,
        },
    )


if __name__ == "__main__":
    quang_nam_2023()
    dak_nong_2023()
    ha_tinh_2023()
    tien_phuoc_2022()
    quang_nam_2024_service()
