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

_DEADLINE_OPENING = r"(?:[Tt]rước|[Cc]hậm nhất(?:\s+là)?(?:\s+vào)?|[Tt]rước hoặc vào)\s+ngày\s+"
DEADLINE_RE = re.compile(
    _DEADLINE_OPENING + r"(?P<d>\d{1,2})\s*(?:tháng\s*|/|-|\.)\s*(?P<m>\d{1,2})"
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
    # Set when the sentence names who reports this deadline: "… về Sở KH&CN trước ngày 10/12 để
    # tổng hợp, báo cáo UBND tỉnh trước ngày 20/12" → the second is Sở KH&CN's.
    who: str | None = None


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


# Recurrence words next to one of several dates: "định kỳ 6 tháng (trước ngày 15/6) và hằng năm
# (trước ngày 15/12)", "báo cáo năm gửi trước ngày 25 tháng 11".
_LOCAL_RECURRENCE_RE = re.compile(
    r"\b(?P<semiannual>(?:6|06|sáu)\s+tháng)\b"
    r"|\b(?P<annual>(?:hằng|hàng|mỗi)\s+năm|báo cáo năm|định kỳ năm)\b"
    r"|\b(?P<quarterly>(?:hằng|hàng|mỗi)\s+quý|báo cáo quý)\b"
    r"|\b(?P<monthly>(?:hằng|hàng|mỗi)\s+tháng|báo cáo tháng)\b",
    re.IGNORECASE,
)
# "… để tổng hợp, báo cáo …": the recipient of the previous deadline reports the next one.
_RELAY_RE = re.compile(r"\btổng hợp\b")


def _local_recurrence(before: str, after: str) -> str | None:
    """The recurrence named nearest before a date, else right after it, else None."""
    found = list(_LOCAL_RECURRENCE_RE.finditer(before))
    if not found:
        following = _LOCAL_RECURRENCE_RE.search(after)
        found = [following] if following else []
    if not found:
        return None
    return next(kind for kind, value in found[-1].groupdict().items() if value)


def _last_recipient(text: str) -> str | None:
    """The recipient named last in ``text`` (the one nearest to the date that follows)."""
    last: str | None = None
    for match in _RECIPIENT_RE.finditer(text):
        org = collapse(_trim_org(collapse(match.group("org"))) + (match.group("via") or ""))
        last = org or last
    return last


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the sentence of ``text`` around ``position``."""
    start, end = 0, len(text)
    for match in re.finditer(r"\.\s+(?=[A-ZĐ])|\.$", text):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


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


# More dates after the first: "trước ngày 20/6 và 20/12", "trước ngày 15/3, 15/6, 15/9 và 15/12",
# "trước ngày 20 tháng 6 và ngày 20 tháng 12", "trước ngày 20 tháng 6 và tháng 12".
_MORE_DATES_RE = re.compile(
    r"\s*(?:,|;|và|hoặc)\s*(?:ngày\s+)?(?:(?P<d>\d{1,2})\s*(?:tháng\s*|/|-|\.)\s*|tháng\s+)"
    r"(?P<m>\d{1,2})(?!\d)(?:\s*(?:năm\s*|/|-|\.)\s*(?P<y>\d{4}))?"
)
# A day without a month, the month given by the recurrence: "trước ngày 15 hằng tháng", "trước
# ngày 15 của tháng cuối quý", "trước ngày 10 tháng đầu của quý sau".
_DAY_ONLY_RE = re.compile(
    _DEADLINE_OPENING + r"(?P<d>\d{1,2})(?!\s*(?:tháng\s*|/|-|\.)\s*\d)\s+(?:của\s+)?"
    r"(?P<when>(?:hằng|hàng|mỗi)\s+tháng"
    r"|tháng\s+cuối\s+(?:của\s+)?(?:mỗi\s+|các\s+|hằng\s+|hàng\s+)?quý"
    r"|tháng\s+đầu\s+(?:của\s+)?quý\s+(?:sau|tiếp theo|kế tiếp))"
)


def _day_only(match: re.Match[str]) -> tuple[int, int, str]:
    """(day, month of the first due date in a year, recurrence) of a day-only deadline."""
    when = match.group("when")
    day = int(match.group("d"))
    if "quý" not in when:
        return day, 1, "monthly"
    return day, (3 if "cuối" in when else 4), "quarterly"


def _dates(match: re.Match[str], text: str) -> tuple[list[tuple[int, int]], bool, int]:
    """The dates of a deadline and the ones listed after it, whether any names a year, and
    where the list ends."""
    day, month = int(match.group("d")), int(match.group("m"))
    dates = [(day, month)]
    with_year = match.group("y") is not None
    end = match.end()
    while True:
        more = _MORE_DATES_RE.match(text, end)
        if more is None:
            break
        more_day = int(more.group("d")) if more.group("d") else dates[-1][0]
        dates.append((more_day, int(more.group("m"))))
        with_year = with_year or more.group("y") is not None
        end = more.end()
    return dates, with_year, end


_REPORT_KIND_RE = re.compile(r"^\s*\((?P<kind>[^()]*\b(?:báo cáo|kỳ)\b[^()]*)\)")


def _report_kind(text: str) -> str | None:
    """The recurrence a parenthesis right after a date names: "(báo cáo 6 tháng)" →
    semiannual, "(báo cáo năm)" → annual, "(báo cáo quý)" → quarterly."""
    found = _REPORT_KIND_RE.match(text)
    if found is None:
        return None
    kind = found.group("kind").lower()
    if re.search(r"\b(?:6|06|sáu)\s+tháng\b", kind):
        return "semiannual"
    if re.search(r"\bquý\b", kind):
        return "quarterly"
    if re.search(r"\bnăm\b(?!\s*\d)", kind):
        return "annual"
    if re.search(r"\btháng\b(?!\s*\d)", kind):
        return "monthly"
    return None


def _periodic(dates: list[tuple[int, int]]) -> str | None:
    """'semiannual' for the same day six months apart (20/6 and 20/12), 'quarterly' for four
    dates three months apart (15/3, 15/6, 15/9, 15/12); None otherwise."""
    days = {day for day, _ in dates}
    months = sorted(month for _, month in dates)
    if len(days) != 1 or len(set(months)) != len(months):
        return None
    steps = {b - a for a, b in zip(months, months[1:], strict=False)}
    if len(months) == 2 and steps == {6}:
        return "semiannual"
    if len(months) == 4 and steps == {3}:
        return "quarterly"
    return None


def find_deadlines(text: str) -> list[DeadlineHit]:
    """Every reporting deadline stated in one paragraph, in order.

    Several dates after one "trước ngày" are one periodic deadline when they are the same day six
    or three months apart ("trước ngày 20/6 và 20/12 hằng năm" → 20/06 "semiannual"; the first
    date of the year is kept); otherwise each date is a deadline of its own. A day whose month is
    given by the recurrence ("trước ngày 15 hằng tháng", "trước ngày 15 của tháng cuối quý") is
    kept with the month of its first due date in a year (01 monthly, 03 for the last month of a
    quarter, 04 for the first month of the next quarter).
    """
    text = collapse(text)
    found: list[tuple[int, int, list[tuple[int, int]], str | None]] = []
    for match in DEADLINE_RE.finditer(text):
        dates, with_year, end = _dates(match, text)
        periodic = None if with_year else _periodic(dates)
        named = _report_kind(text[end:])
        if named is not None:
            found.append((match.start(), end, dates, named))  # "trước ngày 15/6 (báo cáo 6 tháng)"
        elif periodic is not None:
            first_date = min(dates, key=lambda d: (d[1], d[0]))
            found.append((match.start(), end, [first_date], periodic))
        elif with_year and len(dates) > 1:
            found.append((match.start(), end, dates, "once"))  # dated one-off deadlines
        else:
            found.append((match.start(), end, dates, None))  # recurrence from the wording
    for match in _DAY_ONLY_RE.finditer(text):
        day, month, recurrence = _day_only(match)
        found.append((match.start(), match.end(), [(day, month)], recurrence))
    found.sort(key=lambda item: item[0])
    hits: list[DeadlineHit] = []
    previous: tuple[str, int, str | None] | None = None  # (sentence, end, recipient) of the last
    for number, (position, end, dates, fixed) in enumerate(found):
        sentence = _span_containing(text, position, r"\.\s+(?=[A-ZĐ])|\.$")
        if not _REPORTING_RE.search(sentence):
            continue
        clause = _span_containing(text, position, r";")
        recipient = _recipient(clause) or _recipient(sentence) or _recipient(text)
        if fixed is not None:
            recurrence = fixed
        else:
            recurrence = _recurrence(clause)
            first = DEADLINE_RE.match(text, position)
            if recurrence == "once" and first is not None and first.group("y") is None:
                recurrence = _recurrence(sentence)
        who: str | None = None
        sentence_start, sentence_end = _sentence_bounds(text, position)
        following = found[number + 1][0] if number + 1 < len(found) else sentence_end
        same_sentence = previous is not None and previous[0] == sentence
        if same_sentence or following < sentence_end:
            # Several deadlines in one sentence: each takes the wording nearest to it.
            start = previous[1] if previous is not None and same_sentence else sentence_start
            before = text[start:position]
            following = min(following, sentence_end)
            after = re.split(r"[(),;]", text[end:following], maxsplit=1)[0]
            if fixed is None:
                recurrence = _local_recurrence(before, after) or recurrence
            if same_sentence and previous is not None:
                local = _last_recipient(before)
                recipient = local or previous[2]
                if previous[2] and local and local != previous[2] and _RELAY_RE.search(before):
                    who = previous[2]
        previous = (sentence, end, recipient)
        for day, month in dates:
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            hits.append(
                DeadlineHit(
                    day_month=f"{day:02d}/{month:02d}",
                    recurrence=recurrence,
                    to=recipient,
                    sentence=collapse(sentence),
                    who=who,
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
