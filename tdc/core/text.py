"""Vietnamese text helpers: NFC normalisation and accent-insensitive search keys."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "Sở Khoa học" → "so khoa hoc"; đ → d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().casefold()


# C0/C1 control characters except tab, line feed and carriage return; DEL; lone surrogates
# (a JSON body can carry "\ud800", which no database or document can store); U+FFFE, U+FFFF.
# What is left is legal in XML 1.0, so every DOCX/XLSX writer can hold it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Zero-width characters and bidirectional overrides/isolates, which hide or reorder text.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def strip_control(text: str) -> str:
    """`text` without control characters, lone surrogates and non-characters (XML-safe)."""
    return _CONTROL.sub("", text)


def clean_text(text: str, *, keep_newlines: bool = True) -> str:
    """What we store from a person: NFC, no control characters, no invisible reordering marks.

    Line feeds (and tabs, carriage returns) survive unless `keep_newlines` is false, in which
    case every run of whitespace becomes one space (single-line fields). Vietnamese text comes
    out in NFC and otherwise untouched. Characters are removed before normalising, so the result
    is NFC even when a removed character sat between a letter and its combining mark, and
    cleaning twice changes nothing.
    """
    cleaned = nfc(_INVISIBLE.sub("", _CONTROL.sub("", text)))
    if not keep_newlines:
        cleaned = _SPACES.sub(" ", cleaned)
    return cleaned


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words (never inside one), with "…" when cut.

    A single word longer than `limit` (a URL, a code) is the one case cut inside: it has no
    boundary to cut at.
    """
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    room = max(limit - 1, 1)
    cut = text[:room]
    if text[room].isalnum() and cut[-1].isalnum():
        # The cut falls inside a word: step back to the space before it.
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,.;:–-") + "…"
