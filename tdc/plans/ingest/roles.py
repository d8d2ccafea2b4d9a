"""Lead and partner units stated inside a prose task.

Only explicit role assignments count:

* lead: "X chủ trì" where X opens the item or a parenthesis ("Sở Y tế chủ trì, phối hợp với ...",
  "(Sở Tư pháp chủ trì; ...)"), "giao X chủ trì", or a label "Cơ quan chủ trì: X". "do X chủ
  trì" describes something else (the chair of a programme) and is ignored;
* partners: "phối hợp với X" used as a verb (not "công tác phối hợp", not "phối hợp giữa ..."),
  "X phối hợp" inside a parenthesis, or a label "Cơ quan phối hợp: X".
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
)
_STOP_RE = re.compile(r"\s(?:" + "|".join(re.escape(w) for w in _STOP_WORDS) + r")(?=\s|$)")
# After a ';' the list goes on with noun phrases ("tổ chức đánh giá sự phù hợp quốc gia"), where
# only function words end a name.
_FUNCTION_STOP_RE = re.compile(r"\s(?:để|nhằm|trong việc|theo|tại|khi|nếu|về việc)(?=\s|$)")
_PARTNER_VERB_RE = re.compile(
    r"(?<![Cc]ông tác )(?<![Cc]ơ chế )(?<![Ss]ự )(?<![Hh]oạt động )(?<![Qq]uy chế )"
    r"(?<![Mm]ối )\b[Pp]hối hợp"
    r"(?:\s+chặt chẽ|\s+thường xuyên|\s+tích cực|,\s*(?:kết nối|liên kết|hợp tác)[^,.;:()]{0,30}?)?"
    r"\s+với\s+",
)
_LABEL_STOP = r"(?![Cc]ơ quan|[Đđ]ơn vị|[Tt]hời gian|[Kk]inh phí|[Nn]guồn)"
_LABEL_RE = re.compile(
    r"(?:[Cc]ơ quan|[Đđ]ơn vị|[Cc]ơ quan, đơn vị)\s+(?P<role>chủ trì|phối hợp|thực hiện)"
    r"(?:\s+thực hiện)?"
    rf"\s*:\s*(?P<units>(?:{_LABEL_STOP}[^.;\n:])+(?:;\s*(?:{_LABEL_STOP}[^.;\n:])+)*)"
)
_TIMELINE_LABEL_RE = re.compile(
    r"(?:[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*(?P<value>[^.;\n]+)"
)
_FUNDING_LABEL_RE = re.compile(
    r"(?:[Kk]inh phí|[Nn]guồn kinh phí)(?:\s+thực hiện)?\s*:\s*(?P<value>[^.;\n]+)"
)
_PAREN_RE = re.compile(r"\(([^()]*?\bchủ trì\b[^()]*)\)")
_LEAD_AT_START_RE = re.compile(rf"^(?P<units>(?:{_HEAD_ALT}|[Cc]ác\s)[^.;:()]*?)\s+chủ trì\b")
_ASSIGN_RE = re.compile(
    rf"\b(?:[Gg]iao|[Đđ]ề nghị)\s+(?P<units>(?:{_HEAD_ALT}|các\s)[^.;:()]*?)\s+chủ trì\b"
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


def extract_roles(text: str) -> tuple[list[str], list[str]]:
    """(lead, partners) named explicitly in the text of one prose task."""
    text = collapse(text)
    lead: list[str] = []
    partners: list[str] = []
    for match in _LABEL_RE.finditer(text):
        units = _units(match.group("units"))
        (partners if match.group("role") == "phối hợp" else lead).extend(units)
    for match in _PAREN_RE.finditer(text):
        segments = [s.strip() for s in match.group(1).split(";")]
        for segment in segments:
            head = re.match(r"^(?P<units>.+?)\s+chủ trì\b", segment)
            if head and _names_units(head.group("units")):
                lead.extend(_units(head.group("units")))
            tail = re.match(r"^(?:,\s*)?(?P<units>.+?)\s+phối hợp\s*$", segment)
            if tail and _names_units(tail.group("units")):
                partners.extend(_units(tail.group("units")))
    start = _LEAD_AT_START_RE.match(text)
    if start and not lead:
        lead.extend(_units(start.group("units")))
    assign = _ASSIGN_RE.search(text)
    if assign and not lead:
        lead.extend(_units(assign.group("units")))
    for match in _PARTNER_VERB_RE.finditer(text):
        rest = text[match.end() :]
        if rest.startswith(("nhau", "các bên")):
            continue
        partners.extend(_units(_cut_units(rest)))
    return _dedupe(lead), _dedupe(partners)


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
