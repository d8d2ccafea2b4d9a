"""Unit (organisation) names: splitting lists, canonical keys, collective names.

Conventions (see docs/plan-format.md):

* a list of units is split at ';' (and at paragraph breaks inside a table cell);
* a comma splits only between distinct bodies: "Bộ KHCN, Ủy ban TCĐLCL Quốc gia" is two units,
  "Sở, ban, ngành" or "UBND các xã, phường, đặc khu" is one;
* "và" splits only where a new body starts: "Công an tỉnh và UBND các xã" is two units, "Sở
  Văn hóa, Thể thao và Du lịch" is one;
* "Các Sở: A, B" becomes "Sở A", "Sở B";
* names are kept as written (spelling, capitalisation), only whitespace is collapsed.
"""

from __future__ import annotations

import re

from tdc.core.text import fold

from .text import collapse

# Words that open the name of a body ("Sở Y tế", "Báo Trà Vinh", ...). Case-sensitive on purpose:
# lower-case "ban", "ngành" after a comma continue a collective name ("Sở, ban, ngành").
ORG_HEADS: tuple[str, ...] = (
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "HĐND",
    "Hội đồng",
    "Sở",
    "Bộ",
    "Ban",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Trung tâm",
    "Báo",
    "Đài",
    "Trường",
    "Viện",
    "Học viện",
    "Đại học",
    "Công an",
    "Cảnh sát",
    "Bộ Chỉ huy",
    "Bộ đội",
    "Bộ Tư lệnh",
    "Quân khu",
    "Hội",
    "Hiệp hội",
    "Liên hiệp",
    "Liên minh",
    "Liên đoàn",
    "Tổng Liên đoàn",
    "Đoàn",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Thanh tra",
    "Văn phòng",
    "Kho bạc",
    "Ngân hàng",
    "Cảng vụ",
    "Bệnh viện",
    "Phòng",
    "Tòa án",
    "Toà án",
    "Viện kiểm sát",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Thành ủy",
    "Thành uỷ",
    "Huyện ủy",
    "Huyện uỷ",
    "Đảng ủy",
    "Đảng uỷ",
    "Mặt trận",
    "Công ty",
    "Tổng công ty",
    "Tập đoàn",
    "Quỹ",
    "Chi nhánh",
    "Cổng",
    "Khu",
    "Vườn",
    "Bảo hiểm",
    "Hải quan",
    "Điện lực",
    "Bưu điện",
    "Kiểm toán",
    "Thường trực",
    "Chủ tịch",
    "Giám đốc",
    "Thủ trưởng",
)

_HEAD_ALT = "|".join(sorted((re.escape(h) for h in ORG_HEADS), key=len, reverse=True))
_HEAD_RE = re.compile(rf"^(?:{_HEAD_ALT})\s+\S")
_ACRONYM_RE = re.compile(r"^[A-ZĐ][A-ZĐ&\-]{1,}(?:\s|$)")
_LIST_NOUN_RE = re.compile(r"^(?:các|Các|những|Những)\s+\w")
_PREFIX_LIST_RE = re.compile(
    r"^(?:các|Các|CÁC)\s+(Sở|sở|SỞ|Bộ|bộ|Ban|ban|Cục|Phòng|Trường|Trung tâm|Chi cục|Hội|Báo|Đài)"
    r"\s*:\s*(.+)$"
)
_DOUBLE_SPACE_SPLIT_RE = re.compile(rf"\s{{2,}}(?=(?:{_HEAD_ALT})\s|[A-ZĐ][A-ZĐ&]{{1,}}\b)")
_BARE_NOUNS = frozenset(
    [
        "sở",
        "ban",
        "ngành",
        "bộ",
        "cơ",
        "quan",
        "đơn",
        "vị",
        "tổ",
        "chức",
        "địa",
        "phương",
        "phòng",
        "cục",
        "hội",
        "doanh",
        "nghiệp",
    ]
)

# Abbreviations expanded by canonical_unit_key() and expand_abbreviations().
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("KH&CN", "Khoa học và Công nghệ"),
    ("KH và CN", "Khoa học và Công nghệ"),
    ("KH-CN", "Khoa học và Công nghệ"),
    ("KHCN", "Khoa học và Công nghệ"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("TT-TT", "Thông tin và Truyền thông"),
    ("TTTT", "Thông tin và Truyền thông"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("GD-ĐT", "Giáo dục và Đào tạo"),
    ("GDĐT", "Giáo dục và Đào tạo"),
    ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("NN-PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("NNPTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("NN&MT", "Nông nghiệp và Môi trường"),
    ("NNMT", "Nông nghiệp và Môi trường"),
    ("LĐ-TB&XH", "Lao động - Thương binh và Xã hội"),
    ("LĐTB&XH", "Lao động - Thương binh và Xã hội"),
    ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("VH, TT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VH,TT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VH-TT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VHTT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VHTTDL", "Văn hóa, Thể thao và Du lịch"),
    ("TN&MT", "Tài nguyên và Môi trường"),
    ("TNMT", "Tài nguyên và Môi trường"),
    ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("KH-ĐT", "Kế hoạch và Đầu tư"),
    ("KHĐT", "Kế hoạch và Đầu tư"),
    ("GTVT", "Giao thông vận tải"),
    ("TCĐLCL", "Tiêu chuẩn Đo lường Chất lượng"),
    ("PT&TH", "Phát thanh và Truyền hình"),
    ("PTTH", "Phát thanh và Truyền hình"),
    ("BCH", "Bộ Chỉ huy"),
    ("BĐBP", "Bộ đội Biên phòng"),
    ("QLTT", "Quản lý thị trường"),
    ("TP.", "thành phố"),
    ("TP", "thành phố"),
)
_ABBR_RES = tuple(
    (re.compile(rf"(?<![\w&]){re.escape(short)}(?![\w&])"), long) for short, long in ABBREVIATIONS
)
_CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")


def _split_outside_parens(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def starts_new_body(segment: str) -> bool:
    """True when ``segment`` opens the name of a new body (used to split at commas)."""
    seg = segment.strip()
    return bool(_LIST_NOUN_RE.match(seg) or _HEAD_RE.match(seg) or _ACRONYM_RE.match(seg))


def _is_complete(name: str) -> bool:
    words = name.split()
    if words and words[0].lower() in ("các", "những"):
        words = words[1:]
    if len(words) >= 2:
        return True
    if len(words) == 1:
        word = words[0]
        return word.lower() not in _BARE_NOUNS and (word.isupper() and len(word) >= 2)
    return False


def _clean_unit(name: str) -> str:
    name = collapse(name)
    name = name.strip(" ,;:.")
    name = re.sub(r"^[-–—+•*]\s*", "", name)
    name = re.sub(r"^(?:và|hoặc)\s+", "", name)
    return name.strip(" ,;:.")


def _split_commas(part: str) -> list[str]:
    prefix = _PREFIX_LIST_RE.match(part)
    if prefix:
        head = prefix.group(1)
        head = head[:1].upper() + head[1:].lower()
        items = [_clean_unit(i) for i in _split_outside_parens(prefix.group(2), ",")]
        return [f"{head} {item}" for item in items if item]
    segments = _split_outside_parens(part, ",")
    units: list[str] = []
    current = segments[0]
    for seg in segments[1:]:
        if starts_new_body(seg) and _is_complete(_clean_unit(current)):
            units.append(current)
            current = seg
        else:
            current = f"{current},{seg}"
    units.append(current)
    return units


# Nouns that, after "các"/"những", name bodies ("và các sở, ngành", "và các hội, hiệp hội"), as
# opposed to "và các khu công nghiệp" inside one body's name.
_PLURAL_BODY_NOUNS = frozenset(
    [
        "sở",
        "ban",
        "ngành",
        "bộ",
        "cơ",
        "đơn",
        "tổ",
        "doanh",
        "hội",
        "hiệp",
        "địa",
        "huyện",
        "quận",
        "thị",
        "xã",
        "phường",
        "trường",
        "viện",
        "trung",
        "chi",
        "cục",
        "phòng",
        "lực",
        "hợp",
        "báo",
        "đài",
        "ủy",
        "uỷ",
        "ubnd",
        "cấp",
        "đoàn",
    ]
)
_AND_RE = re.compile(r"\s+và\s+")
_PLURAL_RE = re.compile(r"^(?:các|Các|những|Những)\s+(\S+)")


def _and_starts_body(text: str) -> bool:
    """True when ``text`` (what follows a "và") opens the name of another body.

    "và UBND các xã" or "và Công an tỉnh" does; "và Du lịch", "và Công nghệ", "và PTNT" (the rest
    of a department's name) do not; "và các sở, ngành" does, "và các khu công nghiệp" does not.
    """
    if _HEAD_RE.match(text):
        return True
    plural = _PLURAL_RE.match(text)
    if plural:
        word = plural.group(1).strip(",;:.").lower()
        return word in _PLURAL_BODY_NOUNS or is_collective_unit(text) is not None
    first = text.split(maxsplit=1)[0] if text.split() else ""
    if _ACRONYM_RE.match(first):
        expanded = expand_abbreviations(first)
        return expanded != first and bool(_HEAD_RE.match(f"{expanded} x"))
    return False


def _is_bare_plural(name: str) -> bool:
    """'các cơ quan', 'các sở, ban, ngành': a plural made only of generic nouns."""
    words = [w.strip(",;:.").lower() for w in name.split()]
    if not words or words[0] not in ("các", "những"):
        return False
    return all(w in _BARE_NOUNS for w in words[1:] if w)


def _split_and(name: str) -> list[str]:
    """Split at "và" where a new body starts: "Công an tỉnh và UBND các xã" → two units.

    "Sở Văn hóa, Thể thao và Du lịch" stays whole (nothing after "và" opens a body), and so does
    "các cơ quan và các đơn vị liên quan" (two generic plurals name one collective).
    """
    if " và " not in name:
        return [name]
    units: list[str] = []
    start = 0
    for match in _AND_RE.finditer(name):
        before, after = name[start : match.start()], name[match.end() :]
        if before.count("(") != before.count(")"):
            continue  # inside a parenthesis: "UBND tỉnh (qua Sở Tài chính và Sở Xây dựng)"
        if not _and_starts_body(after) or not _is_complete(_clean_unit(before)):
            continue
        if _PLURAL_RE.match(after) and _is_bare_plural(_clean_unit(before)):
            continue
        units.append(before)
        start = match.end()
    units.append(name[start:])
    return units


def split_units(text: str) -> list[str]:
    """Split a cell or phrase naming one or more units into unit names (see module doc)."""
    units: list[str] = []
    for line in text.split("\n"):
        for part in _split_outside_parens(line, ";"):
            for chunk in _DOUBLE_SPACE_SPLIT_RE.split(part):
                chunk = collapse(chunk)
                if not chunk:
                    continue
                for unit in _split_commas(chunk):
                    for piece in _split_and(unit):
                        cleaned = _clean_unit(piece)
                        if cleaned and any(ch.isalpha() for ch in cleaned):
                            units.append(cleaned)
    return units


def expand_abbreviations(name: str, keep: tuple[str, ...] = ()) -> str:
    """Expand the usual abbreviations ('Sở KH&CN' → 'Sở Khoa học và Công nghệ').

    Abbreviations listed in ``keep`` (e.g. "UBND") are left as written.
    """
    out = collapse(name)
    for (short, _), (pattern, long) in zip(ABBREVIATIONS, _ABBR_RES, strict=True):
        if short not in keep:
            out = pattern.sub(long, out)
    out = re.sub(r"\s*&\s*", " và ", out)
    return collapse(out)


def _strip_locality(name: str) -> str:
    tokens = name.split()
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i].lower() == "tỉnh" and i + 1 < len(tokens):
            rest = tokens[i + 1 :]
            if all(t[:1].isupper() or t == "-" for t in rest) and len(rest) <= 5:
                return " ".join(tokens[:i])
    for city in _CENTRAL_CITIES:
        match = re.search(rf"\s+(?:thành phố|Thành phố|TP\.?)\s+{city}$", name)
        if match:
            return name[: match.start()]
    match = re.search(r"(?<=\w)\s+(?:tỉnh|thành phố|Thành phố|Tỉnh)$", name)
    if match and len(name[: match.start()].split()) >= 1:
        return name[: match.start()]
    return name


def canonical_unit_key(name: str) -> str:
    """Accent-free, case-folded key under which spellings of one body coincide.

    "Sở KH&CN", "Sở KHCN", "Sở Khoa học và Công nghệ" and "Sở Khoa học và Công nghệ tỉnh
    Khánh Hòa" all give "so khoa hoc va cong nghe".
    """
    expanded = expand_abbreviations(name)
    expanded = re.sub(r"^(?:Đề nghị|đề nghị)\s+", "", expanded)
    expanded = _strip_locality(expanded)
    key = fold(expanded)
    key = re.sub(r"[^\w]+", " ", key)
    key = collapse(key)
    return re.sub(r"^(?:cac|nhung)\s+", "", key)


# (pattern on the accent-free key without a leading "các", kind, needs a plural "các"/"những")
_COMMUNE = r"(?:xa|phuong|thi tran|dac khu)"
_DISTRICT = r"(?:huyen|quan|thi xa|thanh pho)"
_COMMITTEE = r"^(?:chu tich )?(?:uy ban nhan dan|chinh quyen|hoi dong nhan dan)"
_COLLECTIVE_PATTERNS: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (re.compile(rf"{_COMMITTEE} (?:cac |cap )(?:cap )?{_COMMUNE}\b"), "all_communes", False),
    (re.compile(rf"{_COMMITTEE} {_COMMUNE}(?: {_COMMUNE})+$"), "all_communes", False),
    (
        re.compile(rf"{_COMMITTEE} (?:cac |cap )(?:cap )?(?:huyen|quan|thi xa)\b"),
        "all_districts",
        False,
    ),
    (re.compile(rf"{_COMMITTEE} {_DISTRICT}(?: {_DISTRICT})+$"), "all_districts", False),
    (re.compile(rf"^{_COMMUNE}(?: {_COMMUNE})+$"), "all_communes", False),
    (
        re.compile(r"^(?:huyen|quan|thi xa)(?: (?:huyen|quan|thi xa|thanh pho))+$"),
        "all_districts",
        False,
    ),
    (re.compile(r"^dia phuong\b"), "all_localities", False),
    (
        re.compile(r"^(?:thu truong |giam doc )?(?:cac )?(?:so|bo)(?: ban)? nganh\b"),
        "all_departments",
        False,
    ),
    (re.compile(r"^(?:so|bo)(?: ban)?(?: nganh)? lien quan\b"), "all_departments", False),
    (re.compile(r"^(?:co quan|bo|bo nganh|bo va nganh) trung uong\b"), "central_agencies", False),
    (
        re.compile(
            r"^(?:co quan|don vi|to chuc)(?: va)?(?: (?:co quan|don vi|to chuc))*(?: co)? lien quan\b"
        ),
        "related_agencies",
        False,
    ),
    (
        re.compile(r"^(?:co quan|don vi)(?: va)? (?:co quan|don vi|to chuc)\b"),
        "related_agencies",
        True,
    ),
    (re.compile(r"^doanh nghiep(?: (?:co )?lien quan)?$"), "enterprises", False),
    (re.compile(r"^doanh nghiep\b"), "enterprises", True),
    (re.compile(r"^to chuc(?: va)? ca nhan\b"), "organisations_individuals", False),
    (re.compile(r"^to chuc chinh tri xa hoi\b"), "socio_political_organisations", True),
    (
        re.compile(r"^(?:don vi dao tao|co so giao duc|co so dao tao)\b"),
        "education_institutions",
        True,
    ),
    (re.compile(r"^(?:hoi|hiep hoi)(?: (?:hoi|hiep hoi|doan the))*\b"), "associations", True),
)


def is_collective_unit(name: str) -> str | None:
    """The kind of collective name ``name`` is, or None for a single body.

    "UBND các xã, phường, đặc khu" → "all_communes"; "UBND các huyện, thị xã, thành phố" →
    "all_districts"; "Sở, ban, ngành" → "all_departments"; "các cơ quan, đơn vị có liên quan" →
    "related_agencies"; "các doanh nghiệp" → "enterprises"; "các tổ chức, cá nhân" →
    "organisations_individuals"; "các cơ quan Trung ương" → "central_agencies".
    """
    expanded = expand_abbreviations(name)
    key = collapse(re.sub(r"[^\w]+", " ", fold(expanded)))
    plural = bool(re.match(r"^(?:cac|nhung)\b", key))
    key = re.sub(r"^(?:cac|nhung) ", "", key)
    for pattern, kind, needs_plural in _COLLECTIVE_PATTERNS:
        if (plural or not needs_plural) and pattern.search(key):
            return kind
    return None
