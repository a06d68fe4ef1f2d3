"""The words editions are written in, and their English: bands, head ratings, groups, blocks, units, authorities.

Editions are Vietnamese and each writes its words its own way ("Tốt", "tốt", "Loại Tốt"; "các Sở,
ban, ngành", "khối Sở, ngành"). They keep them: a Vietnamese page shows what the decision says.
An English page shows the English of the words this vocabulary knows (matched on the folded text,
`scoring.text.fold`) and the Vietnamese original, marked as Vietnamese, of the others. Proper
names (Bắc Trà My, Quảng Nam) stay Vietnamese inside the English ("Bắc Trà My District People's
Committee"), so an English term is a pattern and the names it holds (`Phrase`).

A band's colour follows its name too, the same in every edition: Tốt is the same green in Quảng
Nam and in Huế, whatever the other bands of the scale.
"""

import re
import zlib
from dataclasses import dataclass

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from scoring.text import fold


@dataclass(frozen=True)
class Phrase:
    """English with Vietnamese names in it: `pattern` holds a "{}" per name."""

    pattern: str
    names: tuple = ()

    def text(self):
        return self.pattern.format(*self.names)

    def html(self):
        if not self.names:
            return escape(self.pattern)
        return format_html(escape(self.pattern), *(vietnamese(n) for n in self.names))


def vietnamese(text):
    """`text` escaped, marked as Vietnamese (`lang="vi"`) unless the page is Vietnamese already."""
    if _language() == "vi":
        return escape(text)
    return format_html('<span lang="vi">{}</span>', text)


def _language():
    return (get_language() or "vi").split("-")[0]


# Bands: English, and a colour dark enough for 3:1 against white and for white text on it.
BANDS = {
    "xuat sac": ("Excellent", "#14532D"),
    "tot": ("Good", "#1B7F5B"),
    "kha": ("Fair", "#1F5FA8"),
    "trung binh": ("Average", "#8A5A00"),
    "yeu": ("Weak", "#B3411A"),
    "kem": ("Poor", "#8E2A2A"),
}
# Bands this vocabulary does not know get one of these, chosen by their name (stable everywhere).
OTHER_COLOURS = ["#8E4B87", "#5B5B99", "#4F6D7A", "#7A5C3E"]
NO_BAND_COLOUR = "#666666"

HEAD_RATINGS = {
    "hoan thanh xuat sac nhiem vu": "Completed duties with distinction",
    "hoan thanh tot nhiem vu": "Completed duties well",
    "hoan thanh nhiem vu": "Completed duties",
    "khong hoan thanh nhiem vu": "Did not complete duties",
}

# Groups (lĩnh vực) of the PAR index and of the service index, by a phrase of their name; first match.
GROUPS = [
    (("tac dong",), "Impact of administrative reform"),
    (("chi dao", "dieu hanh"), "Direction and management of administrative reform"),
    (("the che",), "Institutional reform"),
    (("thu tuc hanh chinh",), "Administrative procedure reform"),
    (("to chuc bo may",), "Reform of the administrative apparatus"),
    (("cong vu",), "Civil service reform"),
    (("doi ngu can bo",), "Civil service reform"),
    (("tai chinh cong",), "Public finance reform"),
    (("dien tu",), "E-government and digital government"),
    (("chinh quyen so",), "E-government and digital government"),
    (("cong khai",), "Openness and transparency"),
    (("tien do",), "Timeliness"),
    (("dich vu cong truc tuyen",), "Online public services"),
    (("thanh toan truc tuyen",), "Online payment"),
    (("hai long",), "Satisfaction"),
    (("so hoa",), "Digitisation of records"),
]

# Kinds of block, by a phrase of their name; first match ("thị xã" is a district-level town).
BLOCKS = [
    (("so, ban, nganh",), "provincial departments and agencies"),
    (("so, nganh",), "provincial departments and agencies"),
    (("nganh doc",), "provincial branches of central agencies"),
    (("co quan trung uong",), "provincial branches of central agencies"),
    (("huyen",), "district-level people's committees"),
    (("cap xa",), "commune-level people's committees"),
    (("xa, phuong",), "commune-level people's committees"),
    (("xa, thi tran",), "commune-level people's committees"),
]

# The kinds of block that authorities share, for lining them up across authorities (`scoring.across`): the
# English of BLOCKS names the kind. Codes are what addresses use.
BLOCK_KINDS = {
    "so": "provincial departments and agencies",
    "nganh-doc": "provincial branches of central agencies",
    "huyen": "district-level people's committees",
    "xa": "commune-level people's committees",
}


def block_kind(name):
    """The code of the kind of a block named so ("Các Sở, ban, ngành" → "so"), or None."""
    english = _by_phrase(BLOCKS, name)
    return next((code for code, kind in BLOCK_KINDS.items() if kind == english), None)


def unit_key(name):
    """A department's name as it is the same in every province: "Sở Nội vụ tỉnh Quảng Nam" → "so noi vu"."""
    return re.sub(r" (tinh|thanh pho) .*$", "", fold(name or ""))


# Departments and agencies, by their folded name without "tỉnh" at the end.
UNITS = {
    "so noi vu": "Department of Home Affairs",
    "so tu phap": "Department of Justice",
    "so ke hoach va dau tu": "Department of Planning and Investment",
    "so tai chinh": "Department of Finance",
    "so cong thuong": "Department of Industry and Trade",
    "so nong nghiep va phat trien nong thon": "Department of Agriculture and Rural Development",
    "so nong nghiep va moi truong": "Department of Agriculture and Environment",
    "so giao thong van tai": "Department of Transport",
    "so xay dung": "Department of Construction",
    "so tai nguyen va moi truong": "Department of Natural Resources and Environment",
    "so thong tin va truyen thong": "Department of Information and Communications",
    "so lao dong - thuong binh va xa hoi": "Department of Labour, Invalids and Social Affairs",
    "so van hoa, the thao va du lich": "Department of Culture, Sports and Tourism",
    "so van hoa - the thao va du lich": "Department of Culture, Sports and Tourism",
    "so van hoa va the thao": "Department of Culture and Sports",
    "so du lich": "Department of Tourism",
    "so khoa hoc va cong nghe": "Department of Science and Technology",
    "so giao duc va dao tao": "Department of Education and Training",
    "so y te": "Department of Health",
    "so ngoai vu": "Department of Foreign Affairs",
    "so dan toc va ton giao": "Department of Ethnic and Religious Affairs",
    "thanh tra": "Provincial Inspectorate",
    "van phong ubnd": "Office of the Provincial People's Committee",
    "ban dan toc": "Ethnic Minorities Committee",
    "ban quan ly cac khu kinh te va khu cong nghiep": "Management Board of Economic Zones and Industrial Parks",
    "ban quan ly cac khu cong nghiep": "Management Board of Industrial Parks",
    "ban quan ly khu kinh te": "Management Board of the Economic Zone",
    "kho bac nha nuoc": "State Treasury",
    "cuc thue": "Tax Department",
    "bao hiem xa hoi": "Social Insurance",
    "cuc hai quan": "Customs Department",
    "cong an": "Provincial Police",
    "ngan hang nha nuoc": "State Bank of Vietnam",
    "ngan hang nha nuoc chi nhanh": "State Bank of Vietnam, provincial branch",
    "cuc thong ke": "Statistics Office",
    "cuc quan ly thi truong": "Market Surveillance Department",
}

# People's committees and places: "UBND huyện Bắc Trà My" → "Bắc Trà My District People's Committee".
_LEVELS = [
    ("tinh", "{} Provincial People's Committee", "{} province"),
    ("thanh pho", "{} City People's Committee", "{} city"),
    ("thi xa", "{} Town People's Committee", "{} town"),
    ("huyen", "{} District People's Committee", "{} district"),
    ("quan", "{} Urban District People's Committee", "{} urban district"),
    ("thi tran", "{} Township People's Committee", "{} township"),
    ("phuong", "{} Ward People's Committee", "{} ward"),
    ("xa", "{} Commune People's Committee", "{} commune"),
    ("dac khu", "{} Special Zone People's Committee", "{} special zone"),
]
_SIMULATED = re.compile(r"\s*\((?:mô phỏng|mo phong)\)\s*$", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+", re.IGNORECASE)


def band_english(label):
    found = BANDS.get(fold(label or ""))
    return found[0] if found else None


def band_colour(label):
    """The colour of a band, by its name: the same in every edition."""
    if not label:
        return NO_BAND_COLOUR
    found = BANDS.get(fold(label))
    if found:
        return found[1]
    return OTHER_COLOURS[zlib.crc32(fold(label).encode()) % len(OTHER_COLOURS)]


def _by_phrase(table, text):
    folded = fold(text or "")
    for phrases, english in table:
        if all(p in folded for p in phrases):
            return english
    return None


def english(text, kind):
    """The English of `text` as a `Phrase`, or None when the vocabulary does not know it.

    `kind` is "band", "head_rating", "group", "block", "unit", "authority", "place" or "criterion".
    """
    if not text:
        return None
    if kind == "band":
        found = band_english(text)
    elif kind == "head_rating":
        found = HEAD_RATINGS.get(fold(text))
    elif kind == "group":
        found = _by_phrase(GROUPS, text)
    elif kind == "block":
        found = _by_phrase(BLOCKS, text)
    elif kind in ("unit", "authority"):
        return _body(text)
    elif kind == "place":
        return _place(text)
    elif kind == "criterion":  # criteria are each edition's own words: they stay as written
        found = None
    else:
        raise ValueError(kind)
    return Phrase(found) if found else None


def _body(text):
    """A unit or an authority: a department by its name, a people's committee by its level and place."""
    simulated = bool(_SIMULATED.search(text))
    name = _SIMULATED.sub("", text).strip()
    found = None
    key = fold(name)
    bare = re.sub(r"\s+tinh$", "", key)
    if bare in UNITS:
        found = Phrase(UNITS[bare])
    elif _PREFIX.match(name):
        rest = _PREFIX.sub("", name)
        for level, committee, _place_pattern in _LEVELS:
            words = rest.split()
            n = len(level.split())
            if fold(" ".join(words[:n])) == level and len(words) > n:
                found = Phrase(committee, (" ".join(words[n:]),))
                break
    if found and simulated:
        found = Phrase(found.pattern + " (simulated)", found.names)
    return found


def _place(text):
    """A place named with its level: "tỉnh Quảng Nam" → "Quảng Nam province"; a bare name stays as it is."""
    simulated = bool(_SIMULATED.search(text or ""))
    words = _SIMULATED.sub("", text or "").split()
    for level, _committee, pattern in _LEVELS:
        n = len(level.split())
        if fold(" ".join(words[:n])) == level and len(words) > n:
            return Phrase(pattern + (" (simulated)" if simulated else ""), (" ".join(words[n:]),))
    return None


def shown(text, kind):
    """`text` as the page's language shows it, as HTML: the English where known, else the original marked Vietnamese."""
    if text is None or text == "":
        return ""
    if _language() != "vi":
        found = english(text, kind)
        if found is not None:
            return found.html()
    return vietnamese(text)


def shown_text(text, kind):
    """`text` as the page's language shows it, as plain text (titles, attributes, files)."""
    if not text:
        return text or ""
    if _language() != "vi":
        found = english(text, kind)
        if found is not None:
            return found.text()
    return text


def unit_search_words(name):
    """What a unit is also found by: its English name ("home affairs" finds Sở Nội vụ)."""
    found = _body(name)
    return found.text() if found else ""


def html_format(template, **values):
    """`template % values` as HTML: the (translated) template escaped, each value escaped unless it is HTML already.

    For sentences that hold names: `html_format(_("Highest: %(unit)s."), unit=shown(name, "unit"))`.
    """
    return mark_safe(escape(template) % {name: conditional_escape(value) for name, value in values.items()})
