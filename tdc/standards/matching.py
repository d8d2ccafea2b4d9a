"""Which subscriptions a notification or a standard change concerns.

A subscription names products (HS prefixes at any level — 0901 matches 090111 —, ICS prefixes —
67.140 matches 67.140.10 —, keywords) and, optionally, markets (the notifying members). A
notification matches when it comes from one of the markets (or no market is named) and concerns
one of the products (or no product is named). The subscriptions are indexed by prefix once, so
each notification costs a few dictionary look-ups, not a scan of every subscription.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tdc.standards.models import words


@dataclass(frozen=True)
class Criteria:
    pk: int
    hs: tuple[str, ...]
    ics: tuple[str, ...]
    markets: frozenset[str]
    keywords: tuple[str, ...]

    @property
    def names_products(self) -> bool:
        return bool(self.hs or self.ics or self.keywords)


def ics_prefixes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:depth]) for depth in range(1, len(parts) + 1)]


class Matcher:
    """Built once from every subscription; answers "who wants this?" per item."""

    def __init__(self, criteria: Iterable[Criteria]) -> None:
        self.hs: dict[str, set[int]] = defaultdict(set)
        self.ics: dict[str, set[int]] = defaultdict(set)
        self.keywords: dict[str, set[int]] = defaultdict(set)
        self.market_only: dict[str, set[int]] = defaultdict(set)
        self.markets: dict[int, frozenset[str]] = {}
        for item in criteria:
            if item.markets:
                self.markets[item.pk] = item.markets
            if not item.names_products:
                for market in item.markets:
                    self.market_only[market].add(item.pk)
            for prefix in item.hs:
                self.hs[prefix].add(item.pk)
            for prefix in item.ics:
                self.ics[prefix].add(item.pk)
            for keyword in item.keywords:
                self.keywords[keyword].add(item.pk)

    def _products(self, hs: Iterable[str], ics: Iterable[str], text: str) -> set[int]:
        found: set[int] = set()
        for code in hs:
            for length in range(2, len(code) + 1):
                found |= self.hs.get(code[:length], set())
        for code in ics:
            for prefix in ics_prefixes(code):
                found |= self.ics.get(prefix, set())
        padded = f" {text} "
        for keyword, pks in self.keywords.items():
            if f" {keyword} " in padded:
                found |= pks
        return found

    def for_notification(
        self, *, member: str, hs: Iterable[str], ics: Iterable[str], text: str
    ) -> set[int]:
        found = {
            pk
            for pk in self._products(hs, ics, text)
            if pk not in self.markets or member in self.markets[pk]
        }
        return found | self.market_only.get(member, set())

    def for_standard(self, *, hs: Iterable[str], ics: Iterable[str], text: str) -> set[int]:
        return self._products(hs, ics, text)


def keyword_key(text: str) -> str:
    """A keyword as matched: folded plain words ("Cà phê" → "ca phe")."""
    return words(text)
