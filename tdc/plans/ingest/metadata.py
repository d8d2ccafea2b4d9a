"""Document metadata: title, issuer, locality, number and date."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .outline import match_marker
from .text import CONNECTORS, collapse, ends_terminal, last_word, title_case_vi

_PLAN_LINE_RE = re.compile(r"^KẾ\s+HOẠCH\b\s*(?P<rest>.*)$")
_CAPTION_RE = re.compile(r"\(\s*(?:Kèm|Ban hành kèm) theo[^)]*\)?", re.IGNORECASE)
_PREAMBLE_RE = re.compile(
    r"^(?:Căn cứ|Thực hiện|Triển khai|Để|Nhằm|Theo|Trên cơ sở|Ủy ban nhân dân|Uỷ ban nhân dân|"
    r"UBND|Xét|Qua|Sau khi|Ngày \d|Kính gửi|Thi hành)\b"
)
END_OF_BODY_RE = re.compile(
    r"^(?:Nơi nhận|NƠI NHẬN)\b"
    r"|^(?:TM|T/M|KT|TL|TUQ|Q)\s*\.\s*(?:ỦY|UỶ|UBND|CHỦ|BAN|GIÁM|HỘI|SỞ|PHÓ|TRƯỞNG)"
    r"|^PHỤ\s+LỤC\b"
    r"|^Phụ lục(?:\s+(?:số\s+)?[IVX\d]+[a-z]?)?\s*[:.\-–]?\s*$"
)
# An unnumbered upper-case section heading right after the title ("MỤC ĐÍCH, YÊU CẦU") ends it.
_SECTION_HEADING_RE = re.compile(
    r"^(?:MỤC ĐÍCH|MỤC TIÊU|YÊU CẦU|NHIỆM VỤ|GIẢI PHÁP|TỔ CHỨC THỰC HIỆN|KINH PHÍ|QUAN ĐIỂM|"
    r"ĐÁNH GIÁ|CHỈ TIÊU|PHẠM VI|ĐỐI TƯỢNG|THỰC TRẠNG|SỰ CẦN THIẾT|KẾT QUẢ)\b"
)
MAX_SECTION_HEADING_CHARS = 45
_NAME_WORD_RE = re.compile(r"^[^\W\d_][\w]*$")
_LEVEL_RE = r"(?P<level>tỉnh|thành phố|huyện|quận|thị xã)"
_HEADER_STOP_WORDS = frozenset({"CỘNG", "ĐỘC", "SỐ", "SỐ:", "Số:", "Số"})


@dataclass
class TitleBlock:
    title: str | None
    title_index: int | None  # index of the "KẾ HOẠCH" line
    body_start: int  # first line of the body (after the title and its caption)


def find_title(lines: Sequence[str], wrapped: bool) -> TitleBlock:
    """Locate the plan's "KẾ HOẠCH" line and its title lines."""
    for index, raw in enumerate(lines):
        line = collapse(raw)
        match = _PLAN_LINE_RE.match(line)
        if not match:
            continue
        rest = match.group("rest")
        if rest and not rest[:1].isupper():
            continue
        parts = [line]
        collected = 1 if rest else 0
        prev = line
        j = index + 1
        while j < len(lines) and collected < 30 and sum(map(len, parts)) < 800:
            candidate = collapse(lines[j])
            if not candidate:
                j += 1
                continue
            if re.match(r"^[\-–—_=*~.·]{3,}$", candidate):
                j += 1
                if collected:
                    break
                continue
            if _CAPTION_RE.match(candidate):
                j += 1
                break
            if END_OF_BODY_RE.match(candidate) or match_marker(candidate) is not None:
                break
            if (
                len(candidate) <= MAX_SECTION_HEADING_CHARS
                and _SECTION_HEADING_RE.match(candidate)
                and candidate.isupper()
            ):
                break
            if collected and not _title_continues(prev, candidate, wrapped):
                break
            if not collected and candidate.startswith(("Căn cứ", "Kính gửi")):
                break
            parts.append(candidate)
            collected += 1
            prev = candidate
            j += 1
        title = collapse(_CAPTION_RE.sub(" ", " ".join(parts)))
        return TitleBlock(title=title, title_index=index, body_start=j)
    return TitleBlock(title=None, title_index=None, body_start=0)


def _title_continues(prev: str, line: str, wrapped: bool) -> bool:
    if line[:1].islower() or line[:1].isdigit():
        return True
    if _PREAMBLE_RE.match(line) or ends_terminal(prev):
        return False
    if prev.endswith((",", "-", "–", "(")) or (last_word(prev) in CONNECTORS):
        return True
    if wrapped:
        return True
    return len(line) < 200 and not ends_terminal(line)


@dataclass
class Issuer:
    issuer: str | None
    locality: str | None


def _name_after(text: str) -> str | None:
    """A proper name at the start of ``text``: capitalised words, hyphen-joined allowed."""
    words: list[str] = []
    tokens = text.split()
    i = 0
    while i < len(tokens) and len(words) < 5:
        token = tokens[i].strip('.,;:()"“”')
        clean = tokens[i]
        if token in ("-", "–") and words and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            words.append("-")
            i += 1
            continue
        if not token or not _NAME_WORD_RE.match(token) or not token[:1].isupper():
            break
        words.append(token)
        if clean != token and clean.rstrip('.,;:)"”') == token and clean[-1:] in '.,;:)"”':
            break
        i += 1
    while words and words[-1] == "-":
        words.pop()
    return " ".join(words) if words else None


def find_issuer(header: str, preamble: str, body: str) -> Issuer:
    """Issuer ('UBND tỉnh Khánh Hòa') and locality ('Khánh Hòa')."""
    level: str | None = None
    name: str | None = None
    upper = re.search(
        r"(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s+(?P<level>TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(?P<rest>.+)",
        header,
    ) or re.search(r"\bUBND\s+(?P<level>TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(?P<rest>.+)", header)
    if upper is None and re.search(r"(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|\bUBND\b", header):
        # A two-column header extracted line by line: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..." /
        # "TỈNH KHÁNH HÒA Độc lập - Tự do - Hạnh phúc".
        upper = re.search(
            r"(?m)^(?P<level>TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(?P<rest>.+)$", header
        )
    if upper:
        level = upper.group("level").lower()
        words: list[str] = []
        for word in upper.group("rest").split():
            if word in _HEADER_STOP_WORDS:
                break
            if word in ("-", "–") or (word.isupper() and any(ch.isalpha() for ch in word)):
                words.append(word)
            else:
                break
        while words and words[-1] in ("-", "–"):
            words.pop()
        if words:
            name = title_case_vi(" ".join(words))
    if level is None:
        issued = re.search(
            rf"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+{_LEVEL_RE}\s+(?P<rest>[^\n]*?)ban hành",
            preamble,
        )
        if issued:
            level = issued.group("level")
            name = _name_after(issued.group("rest")) or name
    if name is None:
        name = _locality_from_text(preamble + "\n" + body, level)
    if name is None:
        place = re.search(r"(?:^|\n|\s)([A-ZĐ][^\n,\d:]{1,40}),\s*ngày\s+\d", header)
        if place:
            name = _name_after(collapse(place.group(1)).split(" UBND ")[-1])
    if level is None and name is not None:
        found = re.search(
            rf"{_LEVEL_RE}\s+{re.escape(name)}", preamble + "\n" + body, re.IGNORECASE
        )
        level = found.group("level").lower() if found else None
    department = _department(header, preamble + "\n" + body)
    if department is not None:
        # A plan issued by a department ("UBND TỈNH NGHỆ AN / SỞ KHOA HỌC VÀ CÔNG NGHỆ").
        dept_name, dept_level, dept_place = department
        level, name = level or dept_level, name or dept_place
        where = f" {level} {name}" if level and name else ""
        return Issuer(issuer=f"{dept_name}{where}", locality=name)
    issuer = f"UBND {level} {name}" if level and name else None
    return Issuer(issuer=issuer, locality=name)


_DEPARTMENT_LINE_RE = re.compile(
    r"(?m)^\s*(?P<name>(?:SỞ|BAN|CHI CỤC|CỤC|TRUNG TÂM|VĂN PHÒNG)\s+[^\W\d_][^\n]*)$"
)
_DEPARTMENT_PLACE_RE = re.compile(
    r"\s+(?P<level>TỈNH|THÀNH PHỐ)\s+(?P<place>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s-]*)$"
)
# Names whose second part keeps its capital ("Bộ Công Thương", "Sở Công Thương").
_PROPER_FIELDS = {"công thương": "Công Thương"}


def _department_case(upper: str, text: str) -> str:
    """The usual spelling of an upper-case department name: as the text writes it, else each
    part (split at "và" and commas) capitalised: "Sở Văn hóa, Thể thao và Du lịch"."""
    found = re.search(re.escape(upper), text, re.IGNORECASE)
    if found and found.group(0) != upper:
        return found.group(0)
    head, _, field = upper.partition(" ")
    if head in ("CHI", "TRUNG", "VĂN"):
        second, _, field = field.partition(" ")
        head = f"{head} {second}"
    parts = re.split(r"(\s+VÀ\s+|,\s*)", field)
    cased: list[str] = []
    for part in parts:
        if re.fullmatch(r"\s+VÀ\s+|,\s*", part):
            cased.append(part.lower())
            continue
        lowered = part.lower()
        cased.append(_PROPER_FIELDS.get(lowered, lowered[:1].upper() + lowered[1:]))
    return f"{head[:1]}{head[1:].lower()} {''.join(cased)}".strip()


def _department(header: str, text: str) -> tuple[str, str | None, str | None] | None:
    """(name, level, place) of a department named in the header as the issuing body."""
    for match in _DEPARTMENT_LINE_RE.finditer(header):
        words: list[str] = []
        for word in match.group("name").split():
            if word in _HEADER_STOP_WORDS or not (word.isupper() or word in ("-", "–", ",")):
                break
            words.append(word)
        upper = " ".join(words).rstrip(" ,-–")
        if len(words) < 2:
            continue
        level: str | None = None
        place: str | None = None
        located = _DEPARTMENT_PLACE_RE.search(upper)
        if located:
            level, place = located.group("level").lower(), title_case_vi(located.group("place"))
            upper = upper[: located.start()]
        return _department_case(upper, text), level, place
    return None


def _locality_from_text(text: str, level: str | None) -> str | None:
    on_territory = re.search(rf"trên địa bàn\s+{_LEVEL_RE}\s+(?P<rest>.+)", text, re.IGNORECASE)
    if on_territory and (level is None or on_territory.group("level").lower() == level):
        name = _name_after(on_territory.group("rest"))
        if name:
            return name
    counts: Counter[str] = Counter()
    for match in re.finditer(rf"\b{_LEVEL_RE}\s+(?P<rest>[^\n]{{1,60}})", text, re.IGNORECASE):
        if level is not None and match.group("level").lower() != level:
            continue
        name = _name_after(match.group("rest"))
        if name and name not in ("Ủy", "Uỷ", "UBND"):
            counts[name] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return None


_NUMBER_RE = re.compile(
    r"(?<!\w)Số\s*[:.]?\s*(?P<num>\d{1,5})\s*/\s*(?P<code>[A-ZĐ][\wĐđ&]*(?:-[\wĐđ&]+)*)"
)
_CAPTION_NUMBER_RE = re.compile(
    r"\(\s*(?:Kèm|Ban hành kèm) theo\s+(?:Kế hoạch|Quyết định|Công văn|Văn bản)\s+số\s*"
    r"(?P<num>\d{1,5})?\s*/\s*(?P<code>[A-ZĐ][\wĐđ&]*(?:-[\wĐđ&]+)*)"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})?\s*(?:tháng|/)\s*(?P<m>\d{1,2})?\s*(?:năm|/)\s*(?P<y>\d{4}))?",
    re.IGNORECASE,
)
_DATE_LINE_RE = re.compile(
    r"(?:^|\n|\s)[^\W\d_][^\n\d,;:()]{1,50},\s*ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s*|/)\s*"
    r"(?P<m>\d{1,2})\s*(?:năm\s*|/)\s*(?P<y>\d{4})"
)


def _iso(day: str | None, month: str | None, year: str | None) -> str | None:
    if not (day and month and year):
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_number_and_date(header: str, full_text: str) -> tuple[str | None, str | None]:
    """The document's own number ('401/QĐ-UBND') and date (ISO), from header or caption."""
    number: str | None = None
    date: str | None = None
    match = _NUMBER_RE.search(header)
    if match:
        number = f"{match.group('num')}/{match.group('code')}"
    date_match = _DATE_LINE_RE.search(header)
    if date_match:
        date = _iso(date_match.group("d"), date_match.group("m"), date_match.group("y"))
    caption = _CAPTION_NUMBER_RE.search(full_text)
    if caption:
        if number is None and caption.group("num"):
            number = f"{caption.group('num')}/{caption.group('code')}"
        if date is None and (number is None or caption.group("num")):
            date = _iso(caption.group("d"), caption.group("m"), caption.group("y"))
    return number, date
