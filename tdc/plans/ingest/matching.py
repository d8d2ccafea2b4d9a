"""Match a unit name read from a plan to the organisations the platform already knows.

Names are compared on :func:`canonical_unit_key` (abbreviations expanded, accents and a trailing
"tỉnh X" removed, case folded) with rapidfuzz. Two guards keep near-identical spellings of
different bodies apart: a "Sở" never matches a "Bộ" (different kinds of body), and a collective
name ("UBND các xã, phường") only matches a collective name of the same kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .text import collapse
from .units import canonical_unit_key, expand_abbreviations, is_collective_unit

DEFAULT_THRESHOLD = 0.85
SAME_COLLECTIVE_FLOOR = 0.9  # two spellings of one collective name ("các sở, ban, ngành")
DIFFERENT_KIND_CAP = 0.5  # a collective vs a body, or two different heads ("Sở" vs "UBND")

# Accent-free heads of body names: two different heads mean two different kinds of body.
_HEADS = (
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "uy ban mat tran",
    "uy ban",
    "so",
    "bo chi huy",
    "bo",
    "ban",
    "chi cuc",
    "tong cuc",
    "cuc",
    "trung tam",
    "cong an",
    "bao",
    "dai",
    "truong",
    "vien",
    "hoi",
    "hiep hoi",
    "lien doan",
    "thanh tra",
    "van phong",
    "kho bac",
    "ngan hang",
    "benh vien",
    "phong",
    "tinh uy",
    "tinh doan",
    "cong ty",
)


@dataclass(frozen=True)
class UnitCandidate:
    """An organisation known to the platform: its id, name and other names it goes by."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitMatch:
    """The best candidate (None below the threshold), its score 0..1, and a name to propose."""

    candidate_id: int | None
    score: float
    proposed_name: str


def _head(key: str) -> str | None:
    for head in sorted(_HEADS, key=len, reverse=True):
        if key == head or key.startswith(head + " "):
            return head
    return None


def unit_similarity(name: str, other: str) -> float:
    """Similarity 0..1 of two unit names (see the module doc for the guards)."""
    key, other_key = canonical_unit_key(name), canonical_unit_key(other)
    if not key or not other_key:
        return 0.0
    kind, other_kind = is_collective_unit(name), is_collective_unit(other)
    if kind is not None or other_kind is not None:
        if kind == other_kind:
            return (
                1.0
                if key == other_key
                else max(SAME_COLLECTIVE_FLOOR, fuzz.ratio(key, other_key) / 100)
            )
        return min(DIFFERENT_KIND_CAP, fuzz.ratio(key, other_key) / 100)
    score = fuzz.ratio(key, other_key) / 100
    head, other_head = _head(key), _head(other_key)
    if head is not None and other_head is not None and head != other_head:
        score = min(score, DIFFERENT_KIND_CAP)
    return float(score)


def proposed_name(name: str) -> str:
    """The name to give a new organisation: as written, department abbreviations expanded."""
    cleaned = collapse(name)
    for prefix in ("Đề nghị ", "đề nghị "):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :]
    return expand_abbreviations(cleaned, keep=("UBND", "HĐND"))


def match_unit(
    name: str, candidates: Sequence[UnitCandidate], threshold: float = DEFAULT_THRESHOLD
) -> UnitMatch:
    """The candidate whose name or alias is closest to ``name``, if close enough."""
    best_id: int | None = None
    best_score = 0.0
    for candidate in candidates:
        score = max(unit_similarity(name, known) for known in (candidate.name, *candidate.aliases))
        if score > best_score:
            best_id, best_score = candidate.id, score
    if best_score < threshold:
        best_id = None
    return UnitMatch(
        candidate_id=best_id, score=round(best_score, 4), proposed_name=proposed_name(name)
    )
