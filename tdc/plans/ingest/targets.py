"""Numeric targets: value, unit and comparator of an item that states a number.

* a percentage gives unit "%"; otherwise the unit is the counted noun after the number
  ("ít nhất 05 diễn đàn đối thoại" → 5 "diễn đàn"), found in a list of measure words or, failing
  that, the two syllables after the number;
* years, dates, document numbers and article numbers ("năm 2030", "30/11", "Điều 38") are not
  values;
* comparators: "ít nhất", "tối thiểu", "trở lên", "không dưới", "phấn đấu" → ">="; "tối đa",
  "không quá", "không vượt quá" → "<="; "trên", "hơn", "vượt" → ">"; "dưới" → "<"; else "=".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_PERCENT_RE = re.compile(rf"(?<![\w/.,-])(?P<num>{_NUMBER})\s*%")
# The words after the number are looked at, not consumed, so that a skipped number ("năm 2030 có
# ít nhất 50 doanh nghiệp") does not hide the next one.
_COUNT_RE = re.compile(
    rf"(?<![\w/.,:-])(?P<num>{_NUMBER})(?![\w/%:-]|[.,]\d)(?=\s+(?P<after>[^\W\d_][^,;.:()\n]*))"
)

# Words before a number that make it a date, year, article or document number.
_NOT_VALUE_BEFORE = re.compile(
    r"(?:năm|ngày|tháng|quý|số|Số|Điều|điều|Khoản|khoản|Mục|mục|điểm|Điểm|nhóm|Nhóm|lần thứ|"
    r"khóa|khoá|giai đoạn|Chương|chương|Phụ lục|phụ lục|ISO|IEC|TCVN|QCVN|Nghị định|Thông tư|"
    r"Quyết định|Chỉ thị|Kế hoạch|Nghị quyết|Luật|đến|từ|trước|sau|thứ|cấp|hạng|loại|lớp)\s*$"
)
_TIME_AFTER = re.compile(r"^(?:năm|tháng|ngày|giờ|quý|tuần|phút)\b")

# Measure words (longest first). The first one found right after the number is the unit.
MEASURE_WORDS: tuple[str, ...] = tuple(
    sorted(
        """
        trang thiết bị|thiết bị|phương tiện đo|phương tiện|diễn đàn|hội nghị|hội thảo|chương trình|
        đề án|dự án|nhiệm vụ|đề tài|sản phẩm|hàng hóa|hàng hoá|doanh nghiệp|hợp tác xã|cơ sở|
        tổ chức|cơ quan|đơn vị|phòng thí nghiệm|phòng thử nghiệm|tiêu chuẩn cơ sở|tiêu chuẩn|
        quy chuẩn|chuẩn đo lường|chuẩn|mô hình|sáng kiến|giải pháp|lớp|khóa|khoá|lượt|người|
        học viên|cán bộ|công chức|viên chức|chuyên gia|kiểm định viên|cuộc|đợt|lần|buổi|tin|
        bài|tin bài|phóng sự|chuyên mục|chuyên đề|ấn phẩm|tài liệu|xã|phường|huyện|hộ|mẫu|
        tỷ đồng|triệu đồng|nghìn đồng|đồng|ha|tấn|km|lô|hệ thống|công cụ|ngành|lĩnh vực|
        tiêu chí|chỉ tiêu|văn bản|sự kiện|gian hàng|thương hiệu|nhãn hiệu|mã số|điểm|trạm|
        phòng|trung tâm|cửa hàng|chợ|siêu thị|cây xăng|cột đo|đoàn|hồ sơ|giấy chứng nhận|
        chứng chỉ|thủ tục|dịch vụ|cơ sở dữ liệu
        """.replace("\n", "").split("|"),
        key=len,
        reverse=True,
    )
)
_MEASURE_RE = re.compile(
    r"^(?:" + "|".join(re.escape(w.strip()) for w in MEASURE_WORDS if w.strip()) + r")(?=\W|$)"
)
_FUNCTION_WORDS = frozenset(
    [
        "và",
        "của",
        "các",
        "cho",
        "về",
        "trong",
        "được",
        "để",
        "với",
        "tại",
        "theo",
        "từ",
        "đến",
        "là",
        "có",
        "những",
        "một",
        "này",
        "đó",
        "đã",
        "sẽ",
    ]
)

# Comparators are matched without regard to case: "Ít nhất 30% …" opens a sentence.
_GE_BEFORE = re.compile(
    r"(?:ít nhất|tối thiểu|không ít hơn|không dưới|thấp nhất|tới thiểu)\s*$", re.IGNORECASE
)
_LE_BEFORE = re.compile(
    r"(?:tối đa|không quá|không vượt quá|không nhiều hơn|nhiều nhất)\s*$", re.IGNORECASE
)
_GT_BEFORE = re.compile(r"(?:trên|hơn|vượt|cao hơn)\s*$", re.IGNORECASE)
_LT_BEFORE = re.compile(r"(?:dưới|ít hơn|thấp hơn)\s*$", re.IGNORECASE)
# "05 mô hình điểm về năng suất trở lên": the counted noun phrase, then "trở lên", in one clause.
_GE_AFTER = re.compile(r"^\s*(?:%\s*)?(?:[^\s,;.:]+\s+){0,6}?trở lên\b")
_STRIVE_RE = re.compile(r"\b[Pp]hấn đấu\b")


@dataclass(frozen=True)
class NumericTarget:
    value: int | float
    unit: str
    comparator: str


def parse_number(raw: str) -> int | float:
    """'05' → 5, '1.000' → 1000, '2,5' → 2.5."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    value = float(raw)
    return int(value) if value.is_integer() else value


def _unit_after(after: str) -> str | None:
    after = after.strip()
    match = _MEASURE_RE.match(after)
    if match:
        return match.group(0)
    words = after.split()
    if not words or words[0] in _FUNCTION_WORDS or _TIME_AFTER.match(after):
        return None
    unit_words = [words[0]]
    if len(words) > 1 and words[1] not in _FUNCTION_WORDS:
        unit_words.append(words[1])
    return " ".join(unit_words)


def _comparator(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 30) : start]
    if _GE_BEFORE.search(before) or _GE_AFTER.match(text[end : end + 40]):
        return ">="
    if _LE_BEFORE.search(before):
        return "<="
    if _GT_BEFORE.search(before):
        return ">"
    if _LT_BEFORE.search(before):
        return "<"
    if _STRIVE_RE.search(text[:start]):
        return ">="
    return "="


def find_numeric_target(text: str) -> NumericTarget | None:
    """The first stated value of a target item, or None when the item states no number."""
    percent = _PERCENT_RE.search(text)
    count: re.Match[str] | None = None
    for match in _COUNT_RE.finditer(text):
        before = text[: match.start()]
        if _NOT_VALUE_BEFORE.search(before):
            continue
        if _TIME_AFTER.match(match.group("after")):
            continue
        if _unit_after(match.group("after")) is None:
            continue
        count = match
        break
    if percent and (count is None or percent.start() <= count.start()):
        value = parse_number(percent.group("num"))
        comparator = _comparator(text, percent.start(), percent.end())
        return NumericTarget(value=value, unit="%", comparator=comparator)
    if count is None:
        return None
    unit = _unit_after(count.group("after")) or ""
    value = parse_number(count.group("num"))
    comparator = _comparator(text, count.start(), count.end("num"))
    return NumericTarget(value=value, unit=unit, comparator=comparator)


def period_from_heading(title: str, *, is_section: bool) -> str | None:
    """The period a heading sets for its targets ('Mục tiêu đến năm 2030' → 'by 2030')."""
    by_year = re.search(r"(?:đến|tới)\s+(?:(?:cuối|hết)\s+)?năm\s+(\d{4})", title, re.IGNORECASE)
    if by_year:
        return f"by {by_year.group(1)}"
    if re.search(r"\b(?:hằng|hàng)\s+năm\b", title, re.IGNORECASE):
        return "annual"
    if is_section:
        return None
    wording = re.sub(
        r"^(?:(?:giai đoạn|định hướng|mục tiêu|chỉ tiêu)(?:\s+(?:cụ thể|chung|chủ yếu))?)\s*[:,.]?\s*",
        "",
        title.strip().rstrip(":. "),
        flags=re.IGNORECASE,
    )
    if not wording or wording.lower() in ("cụ thể", "chung", "chủ yếu"):
        return None
    return wording[:1].lower() + wording[1:]


_BY_YEAR_RE = re.compile(
    r"(?<!\w)(?:[Đđ]ến|[Tt]ới|[Tt]rước|[Vv]ào)\s+(?:(?:cuối|hết)\s+)?năm\s+(\d{4})\b"
)


def period_from_item(text: str) -> str | None:
    """A period the item itself states: 'hằng năm ...' → 'annual'; 'Đến năm 2025, ...' or
    'Phấn đấu đến năm 2030 có ...' (the first year the item names) → 'by 2025'."""
    if re.search(r"\b(?:[Hh]ằng|[Hh]àng|[Mm]ỗi)\s+năm\b", text):
        return "annual"
    by_year = _BY_YEAR_RE.search(text)
    if by_year:
        return f"by {by_year.group(1)}"
    return None


def common_horizon(periods: list[str | None]) -> str | None:
    """The one "by YYYY" horizon the items of a section name, or None (none or several)."""
    years = {p for p in periods if p is not None and p.startswith("by ")}
    return years.pop() if len(years) == 1 else None
