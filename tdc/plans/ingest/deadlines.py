"""Reporting deadlines: "... báo cáo ... về X trước ngày DD/MM hằng năm".

A deadline is a "trước ngày D tháng M" (or "trước ngày D/M", "chậm nhất ngày ...") in a sentence
that reports or sends something ("báo cáo", "gửi"). The recipient is the first body named after
"báo cáo", "gửi (về)", "về", "cho", "lên", "tới" in the clause of the deadline, with a following
"(qua ...)" kept. The reporting unit ("who") is decided by the parser from the context (the
heading of "TỔ CHỨC THỰC HIỆN" the sentence sits under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import collapse
from .units import ORG_HEADS

_HEAD_ALT = "|".join(
    sorted((re.escape(h) for h in (*ORG_HEADS, "Thủ tướng", "Chính phủ")), key=len, reverse=True)
)

DEADLINE_RE = re.compile(
    r"(?:[Tt]rước|[Cc]hậm nhất(?:\s+là)?(?:\s+vào)?|[Tt]rước hoặc vào)\s+ngày\s+"
    r"(?P<d>\d{1,2})\s*(?:tháng\s*|/|-|\.)\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:năm\s*|/|-|\.)\s*(?P<y>\d{4}))?"
)
_REPORTING_RE = re.compile(r"\b(?:báo cáo|[Bb]áo cáo|[Gg]ửi)\b")
_RECIPIENT_RE = re.compile(
    r"(?:[Bb]áo cáo|[Gg]ửi về|[Gg]ửi|về|cho|lên|tới|đến)\s+"
    rf"(?P<org>(?:{_HEAD_ALT})\b[^,;.()]*?)"
    r"(?=\s+(?:về|trước|để|theo|tổng hợp|trong|chậm|hàng|hằng|định kỳ|kèm|bằng|đồng thời|khi|"
    r"và báo cáo|qua|thông qua|xem xét|kết quả|tình hình|việc|nội dung|số liệu|danh sách|"
    r"văn bản|những|đánh giá|đề xuất)\b|\s*[,;.()]|$)"
    r"(?P<via>\s*\((?:qua|thông qua)[^)]*\))?"
)
_SUBJECT_RE = re.compile(
    rf"(?:Giám đốc|Thủ trưởng|Chủ tịch|Lãnh đạo|Người đứng đầu|Các\s|{_HEAD_ALT})\b"
)
_SUBJECT_END_RE = re.compile(
    r"\s+(?:theo chức năng|căn cứ|có trách nhiệm|chịu trách nhiệm|chủ động|tổ chức|thực hiện|"
    r"triển khai|khẩn trương|tập trung|xây dựng)\b|\s*:"
)


@dataclass(frozen=True)
class DeadlineHit:
    """One reporting deadline found in a paragraph (``who`` is left to the caller)."""

    day_month: str
    recurrence: str
    to: str | None
    sentence: str


def _recurrence(text: str) -> str:
    lowered = text.lower()
    if re.search(r"\b(?:hằng|hàng|mỗi)\s+năm\b|\bđịnh kỳ năm\b", lowered):
        return "annual"
    if re.search(r"\b(?:6|06|sáu)\s+tháng\b", lowered):
        return "semiannual"
    if re.search(r"\b(?:hằng|hàng|mỗi)\s+quý\b", lowered):
        return "quarterly"
    if re.search(r"\b(?:hằng|hàng|mỗi)\s+tháng\b", lowered):
        return "monthly"
    return "once"


def _span_containing(text: str, position: int, separators: str) -> str:
    start = 0
    for match in re.finditer(separators, text):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            return text[start : match.start()]
    return text[start:]


_COMMITTEE_RE = re.compile(
    r"^(?P<head>(?:UBND|HĐND|Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+"
    r"(?:tỉnh|thành phố|Thành phố|Tỉnh|huyện|quận|thị xã|xã|phường)(?:\s+[A-ZĐÀ-Ỹ]\w*)*)\s+[a-zđà-ỹ]"
)


def _trim_org(org: str) -> str:
    """Cut words after a people's committee's name ("UBND tỉnh kết quả" → "UBND tỉnh")."""
    committee = _COMMITTEE_RE.match(org)
    return committee.group("head") if committee else org


def _recipient(clause: str) -> str | None:
    for match in _RECIPIENT_RE.finditer(clause):
        org = collapse(_trim_org(collapse(match.group("org"))) + (match.group("via") or ""))
        if org:
            return org
    return None


def find_deadlines(text: str) -> list[DeadlineHit]:
    """Every reporting deadline stated in one paragraph, in order."""
    text = collapse(text)
    hits: list[DeadlineHit] = []
    for match in DEADLINE_RE.finditer(text):
        sentence = _span_containing(text, match.start(), r"\.\s+(?=[A-ZĐ])|\.$")
        if not _REPORTING_RE.search(sentence):
            continue
        clause = _span_containing(text, match.start(), r";")
        day, month = int(match.group("d")), int(match.group("m"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        recipient = _recipient(clause) or _recipient(sentence) or _recipient(text)
        recurrence = _recurrence(clause)
        if recurrence == "once" and match.group("y") is None:
            recurrence = _recurrence(sentence)
        hits.append(
            DeadlineHit(
                day_month=f"{day:02d}/{month:02d}",
                recurrence=recurrence,
                to=recipient,
                sentence=collapse(sentence),
            )
        )
    return hits


def subject_of(paragraph: str) -> str | None:
    """The units a lead-in sentence addresses ("Căn cứ ..., Giám đốc các Sở, ... theo ...")."""
    text = collapse(paragraph)
    start = 0
    if re.match(r"^(?:Căn cứ|Trên cơ sở|Theo|Để|Nhằm)\b", text):
        for comma in re.finditer(r",\s+", text):
            if _SUBJECT_RE.match(text, comma.end()):
                start = comma.end()
                break
        else:
            return None
    elif not _SUBJECT_RE.match(text):
        return None
    end = _SUBJECT_END_RE.search(text, start)
    subject = text[start : end.start() if end else len(text)].strip(" ,.;")
    return subject or None
