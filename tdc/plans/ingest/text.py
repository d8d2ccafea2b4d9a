"""Small text helpers shared by the readers and the parser (pure Python, no Django: the one
import from `tdc.core.text` is plain Python too)."""

from __future__ import annotations

import html
import re
import unicodedata

from tdc.core.text import clean_text

_TAG_RE = re.compile(r"<[^>]*>")
_BLOCK_TAG_RE = re.compile(r"</?(?:p|br|div|li|tr|ul|ol)\b[^>]*>", re.IGNORECASE)
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_MD_STRONG_RE = re.compile(r"\*\*|__")
_MD_EM_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TERMINAL = ".;:!?"

# Words that cannot end a heading or a sentence: a line ending in one of them continues.
CONNECTORS = frozenset(
    [
        "và",
        "của",
        "các",
        "với",
        "về",
        "cho",
        "trong",
        "tại",
        "theo",
        "hoặc",
        "là",
        "được",
        "để",
        "đến",
        "từ",
        "những",
        "một",
        "số",
        "ngày",
        "tháng",
        "năm",
        "thuộc",
        "nhằm",
        "như",
        "do",
        "bởi",
        "giữa",
        "trên",
        "dưới",
        "qua",
        "sau",
        "trước",
        "khi",
        "mà",
        "thì",
        "vào",
        "ra",
        "có",
        "không",
        "đã",
        "đang",
        "sẽ",
        "này",
        "đó",
        "tới",
        "hay",
        "cùng",
        "lên",
        "gồm",
        "bao",
        "gồm",
        "đối",
        "việc",
        "sự",
        "nhất",
    ]
)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def normalise_input(text: str) -> str:
    """Clean what a reader got from a document, before the parser sees it: CRLF/CR, Word's
    line and page breaks (vertical tab, form feed) and U+2028 become LF; non-breaking spaces
    become spaces; then `clean_text` drops control, zero-width and bidirectional characters and
    normalises to NFC (soft hyphens go too). Tabs survive: they separate TSV cells."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return clean_text(text)


def collapse(text: str) -> str:
    """Turn every run of whitespace into one space and trim both ends."""
    return " ".join(text.split())


def strip_html(text: str) -> str:
    """Remove HTML tags (each replaced by a space), unescape entities, collapse whitespace."""
    return collapse(html.unescape(_TAG_RE.sub(" ", text)))


def html_paragraphs(text: str, *, keep_spaces: bool = False) -> list[str]:
    """Split a cell on block tags (<p>, <br>, ...) and newlines; each part tag-free.

    Parts are whitespace-collapsed unless ``keep_spaces`` (then only trimmed: a run of spaces
    can be the only separator between two unit names in a cell).
    """
    marked = _BLOCK_TAG_RE.sub("\n", text)
    if keep_spaces:
        parts = [html.unescape(_TAG_RE.sub(" ", part)).strip() for part in marked.split("\n")]
    else:
        parts = [strip_html(part) for part in marked.split("\n")]
    return [part for part in parts if part]


def strip_markdown(line: str) -> str:
    """Remove Markdown heading/quote markers and bold/italic emphasis from one line."""
    line = _MD_HEADING_RE.sub("", line)
    line = _MD_QUOTE_RE.sub("", line)
    line = _MD_STRONG_RE.sub("", line)
    return _MD_EM_RE.sub(r"\1", line)


def ends_terminal(text: str) -> bool:
    """True when ``text`` ends a sentence or a list item (., ;, :, !, ?), ignoring closers."""
    stripped = text.rstrip().rstrip("\"'”’»)*")
    return bool(stripped) and stripped[-1] in _TERMINAL


def first_alpha(text: str) -> str:
    """The first letter of ``text`` (skipping quotes and brackets), or '' when there is none."""
    for ch in text:
        if ch.isalpha():
            return ch
        if ch.isdigit():
            return ""
    return ""


def starts_lower(text: str) -> bool:
    """True when the text starts with a lower-case letter."""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0].islower()


def is_all_caps(text: str) -> bool:
    """True when every letter of ``text`` is upper case (and there are at least three)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def last_word(text: str) -> str:
    """The last whitespace-separated word of ``text``, lower-cased, without punctuation."""
    words = text.split()
    if not words:
        return ""
    return words[-1].strip(".,;:!?\"'“”()").lower()


def title_case_vi(text: str) -> str:
    """Turn an all-caps place name ('TRÀ VINH') into title case ('Trà Vinh')."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())
