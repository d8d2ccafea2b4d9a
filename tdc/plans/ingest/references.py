"""Cited documents: every distinct "<Loại văn bản> số <số hiệu>" in order of first appearance.

The kind of document is read from its number where the number says it (``/QĐ-`` is a Quyết
định, ``-CT/`` a Chỉ thị, ...), so "Đề án 996/QĐ-TTg" is listed as "Quyết định số 996/QĐ-TTg".
Numbers without a kind code (official letters such as ``8040/UBND-KGVX``) take the word written
before them. Technical standards (TCVN, ISO) and laws cited without a number never match.
"""

from __future__ import annotations

import re

_KIND_WORDS = (
    "Chỉ thị",
    "Quyết định",
    "Nghị quyết",
    "Nghị định",
    "Kế hoạch",
    "Tờ trình",
    "Công văn",
    "Công điện",
    "Thông tư liên tịch",
    "Thông tư",
    "Thông báo",
    "Kết luận",
    "Hướng dẫn",
    "Báo cáo",
    "Đề án",
    "Chương trình",
    "Văn bản",
    "Luật",
    "Pháp lệnh",
    "Quy định",
    "Quy chế",
)
_KIND_ALT = "|".join(sorted((re.escape(k) for k in _KIND_WORDS), key=len, reverse=True))

# Codes that name the kind of document, as they appear in a document number.
_CODE_KINDS = {
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "KH": "Kế hoạch",
    "TTR": "Tờ trình",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "TB": "Thông báo",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "CĐ": "Công điện",
    "CV": "Công văn",
    "ĐA": "Đề án",
    "CTR": "Chương trình",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "PL": "Pháp lệnh",
}

# <number>[/<year>]<sep><code>, e.g. 1703/QĐ-TTg, 38-CT/TW, 19/2014/QĐ-TTg, 232/TTr-SKH-CN.
# A line break may have split the number after a hyphen or slash ("38-\nCT/TW").
_NUMBER = (
    r"(?P<num>\d{1,5}(?:\s*/\s*\d{4})?)\s*(?P<sep>[/-])\s*(?P<code>[A-ZĐ][A-Za-zĐđ&]*"
    r"(?:\s?[-/]\s?[A-ZĐa-zđ0-9&]+)*)"
)
_CITATION_RE = re.compile(
    rf"(?:(?P<kind>{_KIND_ALT})\s+)?(?:(?:số|Số|SỐ)\s*:?\s*)?(?<![\w/.-]){_NUMBER}(?![\w/])",
)
_KIND_ONLY_RE = re.compile(rf"(?P<kind>{_KIND_ALT})\s*$", re.IGNORECASE)


def _code_kind(number: str) -> str | None:
    """The kind named by a document number ('1703/QĐ-TTg' → 'Quyết định'), if any."""
    tokens = re.split(r"[-/]", number)
    for token in tokens[1:]:
        if token.isdigit():
            continue
        return _CODE_KINDS.get(token.upper())
    return None


def _normalise_number(match: re.Match[str]) -> str:
    num = re.sub(r"\s+", "", match.group("num"))
    code = re.sub(r"\s+", "", match.group("code"))
    return f"{num}{match.group('sep')}{code}"


def _kind_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 40) : start]
    window = re.sub(r"(?:số|Số|SỐ)\s*:?\s*$", "", window).rstrip(" ,")
    match = _KIND_ONLY_RE.search(window)
    if not match:
        return None
    word = match.group("kind")
    for kind in _KIND_WORDS:
        if kind.lower() == word.lower():
            return kind
    return None


def find_references(text: str, exclude: set[str] | None = None) -> list[str]:
    """Every distinct cited document in ``text``, as "<Loại> số <số hiệu>", in order."""
    excluded = {e.casefold() for e in exclude or set()}
    seen: set[str] = set()
    out: list[str] = []
    for match in _CITATION_RE.finditer(text):
        number = _normalise_number(match)
        if not re.search(r"[A-Za-zĐđ]", number.split(match.group("sep"), 1)[1]):
            continue
        if match.group("sep") == "-" and "/" not in number:
            continue  # "2021-2030", "kinh tế-xã hội": a range or a compound, not a number
        key = number.casefold()
        if key in excluded or key in seen:
            continue
        kind = _code_kind(number)
        if kind is None:
            written = match.group("kind")
            kind = written or _kind_before(text, match.start())
            if kind is None and not re.match(r"^\d+/[A-ZĐ]", number):
                continue
            kind = kind or "Văn bản"
            if kind in ("Đề án", "Chương trình") and written is None:
                kind = "Văn bản"
        seen.add(key)
        out.append(f"{kind} số {number}")
    return out
