"""Lead and partner units stated inside a prose task.

Only explicit role assignments count, wherever they sit in the item (its first sentence, a later
sentence, a clause after ";", a parenthesis or a "- Chủ trì: …" sub-line):

* lead: "X chủ trì" where X opens a sentence, a clause or a parenthesis ("Sở Y tế chủ trì, phối
  hợp với ...", "... đại chúng. Sở Văn hóa, Thể thao và Du lịch chủ trì ...", "(Sở Tư pháp chủ
  trì; ...)"), "giao X chủ trì", or a label "Cơ quan chủ trì: X" / "Chủ trì: X". "do X chủ trì"
  describes something else (the chair of a programme) and is ignored;
* partners: "phối hợp với X" used as a verb (not "công tác phối hợp", not "phối hợp giữa ..."),
  "X phối hợp" closing a clause that X opens ("...; các sở, ngành liên quan phối hợp"), or a
  label "Cơ quan phối hợp: X" / "Phối hợp: X".

A unit list ends at a verb or function word ("... phối hợp với Báo Quảng Ninh thực hiện." →
"Báo Quảng Ninh") and is split by :func:`units.split_units` (";", commas and "và" between
distinct bodies).
"""

from __future__ import annotations

import re

from .text import collapse
from .units import ORG_HEADS, is_collective_unit, split_units, starts_new_body

_HEAD_ALT = "|".join(sorted((re.escape(h) for h in ORG_HEADS), key=len, reverse=True))

# Verbs and function words that end the unit list after "phối hợp với".
_STOP_WORDS = (
    "để",
    "nhằm",
    "trong việc",
    "trong công tác",
    "theo",
    "tại",
    "thực hiện",
    "triển khai",
    "tham mưu",
    "xây dựng",
    "hướng dẫn",
    "kiểm tra",
    "tăng cường",
    "đẩy mạnh",
    "rà soát",
    "tuyên truyền",
    "tổ chức",
    "chỉ đạo",
    "đôn đốc",
    "cung cấp",
    "hỗ trợ",
    "thẩm định",
    "xử lý",
    "giải quyết",
    "tiến hành",
    "vận động",
    "phổ biến",
    "tập huấn",
    "khảo sát",
    "giám sát",
    "nghiên cứu",
    "đề xuất",
    "thống nhất",
    "trình",
    "báo cáo",
    "ban hành",
    "cập nhật",
    "quản lý",
    "đánh giá",
    "theo dõi",
    "lồng ghép",
    "bố trí",
    "hoàn thiện",
    "về việc",
    "về",
    "khi",
    "nếu",
    "đảm bảo",
    "bảo đảm",
    "thanh tra",
    "thúc đẩy",
    "duy trì",
    "lấy mẫu",
    "kiểm định",
    "điều tra",
    "biên soạn",
    "phát hành",
    "hoàn thành",
    "thường xuyên",
    "định kỳ",
    "chịu trách nhiệm",
    "có trách nhiệm",
    # More verbs and prepositions that open the predicate after a partner list ("phối hợp với
    # Công an tỉnh, Sở Công Thương kiểm soát hàng giả"). Names capitalise their words ("Sở Xây
    # dựng", "Ban Quản lý"), so a lower-case verb never cuts one.
    "kiểm soát",
    "ứng dụng",
    "áp dụng",
    "đưa",
    "cho",
    "vào",
    "đối với",
    "thông qua",
    "trong quá trình",
    "trong thực hiện",
    "trong triển khai",
    "phát triển",
    "nâng cao",
    "xác định",
    "thu thập",
    "vận hành",
    "quảng bá",
    "xúc tiến",
    "tiếp nhận",
    "công bố",
    "khen thưởng",
    "tôn vinh",
    "phát động",
    "hưởng ứng",
    "chia sẻ",
    "kết nối",
    "huy động",
    "bồi dưỡng",
    "góp phần",
    "tạo điều kiện",
    "lựa chọn",
    "tổng hợp",
    "thống kê",
    "tham gia",
    "xử phạt",
    "ngăn chặn",
    "phòng chống",
    "đấu tranh",
    "mở rộng",
    "sửa đổi",
    "bổ sung",
    "phê duyệt",
    "tư vấn",
    "giới thiệu",
    "nhân rộng",
    "đăng tải",
    "cải tiến",
    "chuyển đổi",
    "số hóa",
    "tích hợp",
    "phân tích",
    "cảnh báo",
    "giải đáp",
    "thực thi",
    "tiếp tục",
    "khẩn trương",
    "chủ động",
    "kịp thời",
)
# A stop word ends the list when it is a word of its own: followed by a space, punctuation or the
# end ("... với Báo Quảng Ninh thực hiện."), and not part of a plural ("các tổ chức ...").
_STOP_RE = re.compile(
    r"(?<!\scác)(?<!\snhững)\s(?:"
    + "|".join(re.escape(w) for w in _STOP_WORDS)
    + r")(?=[\s.,;:!?)]|$)"
)
# After a ';' the list goes on with noun phrases ("tổ chức đánh giá sự phù hợp quốc gia"), where
# only function words end a name.
_FUNCTION_STOP_RE = re.compile(
    r"\s(?:để|nhằm|trong việc|theo|tại|khi|nếu|về việc)(?=[\s.,;:!?)]|$)"
)
_PARTNER_VERB_RE = re.compile(
    r"(?<![Cc]ông tác )(?<![Cc]ơ chế )(?<![Ss]ự )(?<![Hh]oạt động )(?<![Qq]uy chế )"
    r"(?<![Mm]ối )\b[Pp]hối hợp"
    r"(?:\s+chặt chẽ|\s+thường xuyên|\s+tích cực|,\s*(?:kết nối|liên kết|hợp tác)[^,.;:()]{0,30}?)?"
    r"\s+với\s+",
)
_LABEL_STOP = (
    r"(?![Cc]ơ quan|[Đđ]ơn vị|[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ|[Kk]inh phí|[Nn]guồn|"
    r"[Cc]hủ trì\s*:|[Pp]hối hợp\s*:|[-–+•]\s)"
)
_LABEL_UNITS = rf"(?P<units>(?:{_LABEL_STOP}[^.;\n:])+(?:;\s*(?!\s)(?:{_LABEL_STOP}[^.;\n:])+)*)"
_LABEL_RE = re.compile(
    r"(?:[Cc]ơ quan|[Đđ]ơn vị|[Cc]ơ quan, đơn vị)\s+(?P<role>chủ trì|phối hợp|thực hiện)"
    rf"(?:\s+thực hiện)?\s*:\s*{_LABEL_UNITS}"
)
# "- Chủ trì: Sở Công Thương." / "Phối hợp: Công an tỉnh" as a sub-line or clause of its own.
_BARE_LABEL_RE = re.compile(
    r"(?:^|(?<=[.;(])|(?<=[.;(]\s)|(?<=\s[-–+•]\s))"
    rf"(?P<role>[Cc]hủ trì|[Pp]hối hợp)\s*:\s*{_LABEL_UNITS}"
)
_TIMELINE_LABEL_RE = re.compile(
    r"(?:[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*"
    r"(?P<value>[^.;()\n]+)"
)
_FUNDING_LABEL_RE = re.compile(
    r"(?:[Kk]inh phí|[Nn]guồn kinh phí)(?:\s+thực hiện)?\s*:\s*(?P<value>[^.;()\n]+)"
)
# A unit list that opens a clause: a body's head word, a plural or an acronym, then anything up to
# the role word (never across another "chủ trì").
# Used on one clause, so a full stop inside it belongs to an abbreviation ("UBND TP. Hạ Long").
_SUBJECT = (
    rf"(?P<units>(?:(?:{_HEAD_ALT})\s|[Cc]ác\s|[Nn]hững\s|[A-ZĐ][A-ZĐ&]{{1,}}\s)"
    r"(?:(?!chủ trì)[^;:()])*?)"
)
# "Giao X chủ trì", and "Nhiệm vụ này do X chủ trì" (the clause's subject is the task itself; a
# "do X chủ trì" after anything else describes another thing's chair).
_ASSIGN_PREFIX = (
    r"(?:(?:[Gg]iao|[Đđ]ề nghị)(?:\s+cho)?\s+"
    r"|(?:[Nn]hiệm vụ|[Nn]ội dung|[Hh]oạt động|[Vv]iệc)(?:\s+này|\s+trên)?\s+(?:do|giao cho|giao)\s+)?"
)
# "X chủ trì" as the clause's predicate, not "X chủ trì nhiệm vụ ..." (which describes X).
_LEAD_CLAUSE_RE = re.compile(
    rf"^{_ASSIGN_PREFIX}{_SUBJECT}\s+chủ trì\b"
    r"(?!\s+(?:các\s+|những\s+)?(?:nhiệm vụ|đề án|dự án|chương trình|đề tài|nội dung|hoạt động))"
)
_PARTNER_CLAUSE_RE = re.compile(
    rf"^{_SUBJECT}\s+phối hợp(?:\s+(?:thực hiện|triển khai|tổ chức thực hiện))?\s*$"
)
_ASSIGN_RE = re.compile(
    rf"\b(?:[Gg]iao|[Đđ]ề nghị)(?:\s+cho)?\s+(?P<units>(?:{_HEAD_ALT}|các\s)[^.;:()]*?)\s+chủ trì\b"
)
# Words that show a "subject" is a clause of its own, not a list of units ("Bộ ... đã ban hành Đề
# án do Bộ chủ trì", "Các đơn vị được giao chủ trì").
_NOT_A_SUBJECT_RE = re.compile(
    r"\b(?:phối hợp|với|do|được|giao|là|đã|sẽ|cần|phải|tiếp tục|chủ động|có trách nhiệm)\b"
)
# Boundaries of sentences and clauses inside one item: sentence ends, ";", ":", sub-item markers
# (" - ", " + ") and parentheses. An abbreviation's full stop ("TP. Hạ Long") is not an end.
_CLAUSE_BOUNDARY_RE = re.compile(
    r"(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<![.!?;:])[.!?;:]+(?=\s|$)|\s[-–+•]\s|[()]"
)
_UNIT_START_RE = re.compile(
    rf"^(?:(?:{_HEAD_ALT})\b|[Cc]ác\s|[Nn]hững\s|tổ chức\s|cơ quan\s|đơn vị\s|doanh nghiệp|"
    r"[A-ZĐ][A-ZĐ&]{1,}\b)"
)


def _cut_units(rest: str) -> str:
    """The unit list at the start of ``rest``: up to a stop word or sentence punctuation."""
    out: list[str] = []
    for index, segment in enumerate(rest.split(";")):
        segment = segment.strip()
        if index > 0 and not _UNIT_START_RE.match(segment):
            break
        end = len(segment)
        found = re.search(r"[.:()\n]", segment)
        if found:
            end = found.start()
        # The first two words belong to the name ("các tổ chức ...", "Sở Y tế ...").
        words = re.match(r"^\S+(?:\s+\S+)?", segment)
        stops = _STOP_RE if index == 0 else _FUNCTION_STOP_RE
        stop = stops.search(segment, words.end() if words else 0)
        if stop:
            end = min(end, stop.start())
        piece = segment[:end].strip(" ,")
        if piece:
            out.append(piece)
        if end < len(segment):
            break
    return "; ".join(out)


def _names_units(text: str) -> bool:
    """True when ``text`` plausibly names units (not a clause such as "để tổ chức")."""
    text = text.strip()
    return starts_new_body(text) or is_collective_unit(text) is not None


def _units(text: str) -> list[str]:
    return [u for u in split_units(text) if len(u) > 2]


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each sentence or clause of ``text``, stripped of leading commas."""
    out: list[tuple[int, str]] = []
    position = 0
    for boundary in [*_CLAUSE_BOUNDARY_RE.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        piece = text[position:end]
        stripped = piece.lstrip(" ,")
        if stripped.strip():
            out.append((position + len(piece) - len(stripped), stripped.rstrip()))
        if boundary is not None:
            position = boundary.end()
    return out


def _subject_units(units: str) -> list[str]:
    """The units of a clause's subject, or [] when the subject is not a plain list of units."""
    if _NOT_A_SUBJECT_RE.search(units) or not _names_units(units):
        return []
    return _units(units)


def extract_roles(text: str) -> tuple[list[str], list[str]]:
    """(lead, partners) named explicitly in the text of one prose task, in text order."""
    text = collapse(text)
    lead: list[tuple[int, str]] = []
    partners: list[tuple[int, str]] = []

    def add(target: list[tuple[int, str]], position: int, units: list[str]) -> None:
        target.extend((position, unit) for unit in units)

    for regex in (_LABEL_RE, _BARE_LABEL_RE):
        for match in regex.finditer(text):
            role = match.group("role").lower()
            add(
                partners if role == "phối hợp" else lead,
                match.start(),
                _units(match.group("units")),
            )
    for offset, clause in _clauses(text):
        head = _LEAD_CLAUSE_RE.match(clause)
        if head:
            add(lead, offset, _subject_units(head.group("units")))
            # "X chủ trì, Y phối hợp (thực hiện)".
            for sub_offset, rest in _clauses(clause[head.end() :].replace(",", ";", 1)):
                tail = _PARTNER_CLAUSE_RE.match(rest)
                if tail:
                    add(
                        partners,
                        offset + head.end() + sub_offset,
                        _subject_units(tail.group("units")),
                    )
            continue
        tail = _PARTNER_CLAUSE_RE.match(clause)
        if tail:
            add(partners, offset, _subject_units(tail.group("units")))
    for match in _ASSIGN_RE.finditer(text):
        add(lead, match.start("units"), _subject_units(match.group("units")))
    for match in _PARTNER_VERB_RE.finditer(text):
        rest = text[match.end() :]
        if rest.startswith(("nhau", "các bên")):
            continue
        add(partners, match.end(), _units(_cut_units(rest)))
    return _ordered(lead), _ordered(partners)


def _ordered(found: list[tuple[int, str]]) -> list[str]:
    return _dedupe([unit for _, unit in sorted(found, key=lambda item: item[0])])


def _dedupe(units: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for unit in units:
        if unit not in seen:
            seen.add(unit)
            out.append(unit)
    return out


def extract_labels(text: str) -> tuple[str | None, str | None]:
    """(timeline, funding) stated by labels in a prose task ("Thời gian thực hiện: Quý III")."""
    timeline = _TIMELINE_LABEL_RE.search(text)
    funding = _FUNDING_LABEL_RE.search(text)
    return (
        collapse(timeline.group("value")) if timeline else None,
        collapse(funding.group("value")) if funding else None,
    )
