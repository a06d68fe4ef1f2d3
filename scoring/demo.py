"""A synthetic but realistic national data set, for the demo and the benchmarks.

`generate_demo(authorities=34, units_per_block=43, years=5)` creates, for each authority (the 34
provinces of 2025, suffixed "(mô phỏng)" so that nobody takes them for real results), one PAR
index edition per year ending with `end_year`. Until 2024 an edition has four blocks (sở/ban/
ngành, ngành dọc, UBND cấp huyện, UBND cấp xã); from 2025 the district level is gone, several sở
are merged and communes are merged into new ones, recorded as predecessors. Each block has
`units_per_block` units, each criteria set 8 groups and 100 leaves. Every edition but the
last year's is published by a decision; the last stays a draft, to be worked on.

Scores are written with one multi-row insert per batch (COPY on PostgreSQL), which is what makes
a national data set load in seconds rather than minutes.
"""

import datetime
import io
import random
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction

from scoring.models import Authority, Band, Block, CriteriaSet, Criterion, Edition, IndexKind, Score, Unit
from scoring.text import slugify_vi
from scoring.writes import publish

PROVINCES = [
    ("thành phố", "Hà Nội"),
    ("thành phố", "Huế"),
    ("tỉnh", "Lai Châu"),
    ("tỉnh", "Điện Biên"),
    ("tỉnh", "Sơn La"),
    ("tỉnh", "Lạng Sơn"),
    ("tỉnh", "Quảng Ninh"),
    ("tỉnh", "Thanh Hóa"),
    ("tỉnh", "Nghệ An"),
    ("tỉnh", "Hà Tĩnh"),
    ("tỉnh", "Cao Bằng"),
    ("tỉnh", "Tuyên Quang"),
    ("tỉnh", "Lào Cai"),
    ("tỉnh", "Thái Nguyên"),
    ("tỉnh", "Phú Thọ"),
    ("tỉnh", "Bắc Ninh"),
    ("tỉnh", "Hưng Yên"),
    ("thành phố", "Hải Phòng"),
    ("tỉnh", "Ninh Bình"),
    ("tỉnh", "Quảng Trị"),
    ("thành phố", "Đà Nẵng"),
    ("tỉnh", "Quảng Ngãi"),
    ("tỉnh", "Gia Lai"),
    ("tỉnh", "Khánh Hòa"),
    ("tỉnh", "Lâm Đồng"),
    ("tỉnh", "Đắk Lắk"),
    ("thành phố", "Hồ Chí Minh"),
    ("tỉnh", "Đồng Nai"),
    ("tỉnh", "Tây Ninh"),
    ("thành phố", "Cần Thơ"),
    ("tỉnh", "Vĩnh Long"),
    ("tỉnh", "Đồng Tháp"),
    ("tỉnh", "Cà Mau"),
    ("tỉnh", "An Giang"),
]

SO = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Sở Ngoại vụ",
    "Ban Dân tộc",
    "Ban Quản lý các khu công nghiệp",
]
# From 2025: (new name, indexes into SO of the merged sở). The first keeps its code.
SO_MERGERS = [
    ("Sở Tài chính", [3, 2]),
    ("Sở Nông nghiệp và Môi trường", [5, 8]),
    ("Sở Xây dựng", [7, 6]),
    ("Sở Khoa học và Công nghệ", [12, 9]),
    ("Sở Nội vụ", [0, 10]),
]
NGANH_DOC = [
    "Kho bạc Nhà nước",
    "Cục Thuế",
    "Bảo hiểm xã hội",
    "Cục Hải quan",
    "Công an tỉnh",
    "Ngân hàng Nhà nước",
    "Cục Thống kê",
    "Cục Quản lý thị trường",
]
SYLLABLES = [
    "An",
    "Bình",
    "Phú",
    "Tân",
    "Hòa",
    "Long",
    "Thạnh",
    "Phước",
    "Mỹ",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Hưng",
    "Lộc",
    "Thuận",
    "Vĩnh",
    "Xuân",
    "Hiệp",
    "Sơn",
    "Thủy",
    "Quang",
    "Minh",
    "Đức",
    "Tiên",
    "Cẩm",
    "Kỳ",
]
GROUPS = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 10, 12, 0),
    ("2", "Cải cách thể chế", 8, 10, 0),
    ("3", "Cải cách thủ tục hành chính", 16, 16, 0),
    ("4", "Cải cách tổ chức bộ máy hành chính", 8, 8, 0),
    ("5", "Cải cách công vụ", 10, 12, 0),
    ("6", "Cải cách tài chính công", 8, 8, 0),
    ("7", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", 14, 14, 0),
    ("8", "Tác động của cải cách hành chính", 26, 20, 8),  # the last 8 leaves come from surveys
]
BANDS = [("Xuất sắc", 90), ("Tốt", 80), ("Khá", 70), ("Trung bình", 50), ("Yếu", 0)]
HEAD_RATINGS = {
    "Xuất sắc": "Hoàn thành xuất sắc nhiệm vụ",
    "Tốt": "Hoàn thành tốt nhiệm vụ",
    "Khá": "Hoàn thành nhiệm vụ",
    "Trung bình": "Hoàn thành nhiệm vụ",
    "Yếu": "Không hoàn thành nhiệm vụ",
}


def place_names(rng, count, *, exclude=()):
    """Return `count` distinct two-syllable place names."""
    names, seen = [], set(exclude)
    while len(names) < count:
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if name.split()[0] == name.split()[1] or name in seen:
            if len(seen) > len(SYLLABLES) ** 2 // 2:
                name = f"{name} {len(names) + 1}"
            else:
                continue
        seen.add(name)
        names.append(name)
    return names


class _Roster:
    """The units of one authority, stable from year to year (codes, names, quality)."""

    def __init__(self, rng, m):
        self.rng = rng
        self.m = m
        self.so = [(f"SO-{i + 1:02d}", SO[i] if i < len(SO) else f"Ban chuyên ngành số {i + 1}") for i in range(m)]
        self.nganh_doc = [
            (f"ND-{i + 1:02d}", NGANH_DOC[i] if i < len(NGANH_DOC) else f"Cơ quan ngành dọc số {i + 1}")
            for i in range(m)
        ]
        self.huyen = [(f"H-{i + 1:02d}", f"UBND huyện {n}") for i, n in enumerate(place_names(rng, m))]
        self.xa = [(f"X-{i + 1:03d}", f"UBND xã {n}") for i, n in enumerate(place_names(rng, m))]
        self.quality = {}

    def quality_of(self, code):
        if code not in self.quality:
            self.quality[code] = min(0.985, max(0.55, self.rng.gauss(0.84, 0.06)))
        return self.quality[code]

    def blocks(self, year):
        """Return [(code, name, set name, [(unit code, name, predecessors)])] for `year`."""
        so = [(c, n, []) for c, n in self.so]
        nd = [(c, n, []) for c, n in self.nganh_doc]
        if year < 2025:
            return [
                ("so", "các sở, ban, ngành", "tinh", so),
                ("nganh-doc", "các cơ quan ngành dọc cấp tỉnh", "tinh", nd),
                ("huyen", "UBND các huyện, thị xã, thành phố", "dia-phuong", [(c, n, []) for c, n in self.huyen]),
                ("xa", "UBND các xã, phường, thị trấn", "dia-phuong", [(c, n, []) for c, n in self.xa]),
            ]
        merged = []
        absorbed = set()
        for name, parts in SO_MERGERS:
            parts = [p for p in parts if p < len(self.so)]
            if len(parts) == 2:
                keep, gone = self.so[parts[0]], self.so[parts[1]]
                merged.append((keep[0], name, [gone[0]]))  # the absorbing sở keeps its code
                absorbed |= {keep[0], gone[0]}
        so = merged + [(c, n, []) for c, n in self.so if c not in absorbed]
        so += [(f"SO-N{i + 1:02d}", f"Ban chuyên ngành mới số {i + 1}", []) for i in range(self.m - len(so))]
        xa = []
        for i, (code, name) in enumerate(self.xa):
            if i % 3 == 0 and i + 1 < len(self.xa):  # two communes merged into a new one
                other = self.xa[i + 1]
                xa.append((f"X25-{i + 1:03d}", f"UBND xã {name.split(' ', 2)[2]} mới", [code, other[0]]))
            elif i % 3 == 1:
                xa.append((f"X25-{i + 1:03d}", f"UBND phường {name.split(' ', 2)[2]}", [code]))  # renamed
            else:
                xa.append((code, name, []))
        return [
            ("so", "các sở, ban, ngành", "tinh", so[: self.m]),
            ("nganh-doc", "các cơ quan ngành dọc cấp tỉnh", "tinh", nd),
            ("xa", "UBND các xã, phường, đặc khu", "dia-phuong", xa),
        ]


def _criteria(edition, set_name, position):
    """Create a 100-leaf criteria set; return (set, [(leaf id, max in hundredths, is survey)])."""
    criteria_set = CriteriaSet.objects.create(edition=edition, name=set_name, position=position)
    groups = []
    for pos, (code, name, total, _count, _survey) in enumerate(GROUPS):
        groups.append(
            Criterion(
                criteria_set=criteria_set,
                code=code,
                name=name,
                max_points=Decimal(total),
                is_leaf=False,
                position=pos * 1000,
            )
        )
    Criterion.objects.bulk_create(groups)
    for group in groups:
        group.group_id = group.pk
    Criterion.objects.bulk_update(groups, ["group"])
    leaves, specs = [], []
    for group, (code, _name, total, count, survey) in zip(groups, GROUPS, strict=True):
        base, extra = divmod(total * 100, count)
        for i in range(count):
            cents = base + (1 if i < extra else 0)
            is_survey = i >= count - survey
            leaves.append(
                Criterion(
                    criteria_set=criteria_set,
                    parent=group,
                    group_id=group.pk,
                    code=f"{code}.{i + 1}",
                    name=(
                        f"Khảo sát, điều tra xã hội học {code}.{i + 1}"
                        if is_survey
                        else f"Tiêu chí thành phần {code}.{i + 1}"
                    ),
                    max_points=Decimal(cents) / 100,
                    source=Criterion.Source.SURVEY if is_survey else Criterion.Source.APPRAISAL,
                    is_leaf=True,
                    depth=1,
                    position=group.position + i + 1,
                )
            )
            specs.append((cents, is_survey))
    Criterion.objects.bulk_create(leaves)
    return criteria_set, [
        (leaf.pk, leaf.group_id, cents, survey) for leaf, (cents, survey) in zip(leaves, specs, strict=True)
    ]


def _insert_scores(rows):
    """Insert (unit_id, criterion_id, group_id, points in hundredths or None, not_assessed) rows fast."""
    table = Score._meta.db_table
    ordinals = CriteriaSet.ordinals_of({row[2] for row in rows})
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            for unit_id, criterion_id, group_id, points, not_assessed in rows:
                points_text = "\\N" if points is None else str(points)
                flag = "t" if not_assessed else "f"
                buffer.write(
                    f"{unit_id}\t{criterion_id}\t{group_id}\t{ordinals[group_id]}\t{points_text}\t\\N\t{flag}\t\t\t1\n"
                )
            buffer.seek(0)
            cursor.cursor.copy_expert(
                f"COPY {table} (unit_id, criterion_id, group_id, ordinal, points, self_points, not_assessed, note,"
                " explanation, version) FROM STDIN",
                buffer,
            )
        else:
            batch = settings.BULK_BATCH_SIZE * 5
            sql = (
                f"INSERT INTO {table} (unit_id, criterion_id, group_id, ordinal, points, self_points, not_assessed, "
                "note, explanation, version) VALUES (%s, %s, %s, %s, %s, NULL, %s, '', '', 1)"
            )
            rows = [(u, c, g, ordinals[g], p, na) for u, c, g, p, na in rows]
            for start in range(0, len(rows), batch):
                cursor.executemany(sql, rows[start : start + batch])


def _edition(authority, roster, year, rng, index):
    edition = Edition.objects.create(
        slug=f"{authority.slug}-{year}-cchc",
        authority=authority,
        index=index,
        year=year,
        title=f"Chỉ số cải cách hành chính năm {year} (dữ liệu mô phỏng)",
        note="Dữ liệu mô phỏng để minh họa cách cổng công bố trình bày kết quả; không phải kết quả thật của địa phương nào.",
        head_ratings=HEAD_RATINGS,
    )
    Band.objects.bulk_create(
        [Band(edition=edition, position=i, label=label, min_percent=Decimal(m)) for i, (label, m) in enumerate(BANDS)]
    )
    sets = {}
    for position, name in enumerate(["tinh", "dia-phuong"]):
        sets[name] = _criteria(edition, name, position)
    spec = roster.blocks(year)
    blocks = Block.objects.bulk_create(
        [
            Block(edition=edition, code=code, name=name, position=i, criteria_set=sets[set_name][0])
            for i, (code, name, set_name, _units) in enumerate(spec)
        ]
    )
    units, unit_leaves = [], []
    position = 0
    for block, (_code, _name, set_name, members) in zip(blocks, spec, strict=True):
        for code, name, predecessors in members:
            units.append(
                Unit(
                    edition=edition,
                    block=block,
                    code=code,
                    name=name,
                    position=position,
                    predecessor_codes=predecessors,
                    search_name=Unit.search_key(name, code),
                )
            )
            unit_leaves.append((code, sets[set_name][1], block.code))
            position += 1
    Unit.objects.bulk_create(units, batch_size=settings.BULK_BATCH_SIZE)
    rows = []
    for unit, (code, leaves, block_code) in zip(units, unit_leaves, strict=True):
        quality = min(0.99, max(0.5, roster.quality_of(code) + rng.gauss(0.0, 0.02)))
        skip = set()
        if block_code in ("so", "nganh-doc") and rng.random() < 0.3:
            skip = {rng.randrange(len(leaves)) for _ in range(rng.randint(1, 4))}
        for i, (criterion_id, group_id, cents, survey) in enumerate(leaves):
            if i in skip and not survey:
                rows.append((unit.pk, criterion_id, group_id, None, True))
                continue
            share = 1.0 if rng.random() < quality**2 else rng.uniform(0.0, quality)
            rows.append((unit.pk, criterion_id, group_id, round(cents * share), False))
    _insert_scores(rows)
    return edition


def generate_demo(
    *, authorities=3, units_per_block=10, years=3, end_year=2025, seed=2025, publish_last=False, log=None
):
    """Create the demo data set; return the editions created. Editions that already exist are kept."""
    rng = random.Random(seed)
    index = IndexKind.for_code("cchc")
    created = []
    for a in range(authorities):
        kind, name = PROVINCES[a] if a < len(PROVINCES) else ("tỉnh", f"Tỉnh số {a + 1}")
        full = f"UBND {kind} {name} (mô phỏng)"
        authority, _ = Authority.objects.update_or_create(
            slug=slugify_vi(full), defaults={"name": full, "level": Authority.Level.PROVINCE, "province": name}
        )
        roster = _Roster(random.Random(rng.random()), units_per_block)
        for year in range(end_year - years + 1, end_year + 1):
            existing = Edition.objects.filter(slug=f"{authority.slug}-{year}-cchc").first()
            if existing is not None:
                if log:
                    log(f"{existing.slug}: đã có, giữ nguyên")
                continue
            with transaction.atomic():
                edition = _edition(authority, roster, year, rng, index)
                if year < end_year or publish_last:
                    edition = publish(
                        edition=edition,
                        historical=True,
                        number=f"{rng.randint(100, 3999)}/QĐ-UBND",
                        date=datetime.date(year + 1, rng.randint(1, 3), rng.randint(1, 28)),
                        signer=f"Chủ tịch UBND {kind} {name}",
                        title=f"Phê duyệt và công bố Chỉ số cải cách hành chính năm {year} (dữ liệu mô phỏng)",
                    )
            created.append(edition)
            if log:
                log(f"{edition.slug}: {len(roster.blocks(year))} khối, {edition.status}")
    return created
