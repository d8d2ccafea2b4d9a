"""Domain events other systems may subscribe to ("report accepted", "warning published" …).

An app announces what happened with `publish("plans.report_accepted", {...})` inside the
transaction that made it happen; listeners (the outbound-webhook delivery, for one) are called
only after that transaction commits, so a rolled-back change announces nothing. Payloads are
JSON-ready and carry identifiers and public facts only — never a reporter's identity or other
personal data. Core knows no domain: it only keeps the catalogue and the listeners.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from django.db import transaction

JSONValue: TypeAlias = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]
Payload: TypeAlias = Mapping[str, JSONValue]


@dataclass(frozen=True)
class EventType:
    name: str  # "<app>.<what_happened>", e.g. "plans.report_accepted"
    label: str  # Vietnamese, shown to the administrator choosing subscriptions
    description: str = ""


Listener = Callable[[str, Payload], None]

_TYPES: dict[str, EventType] = {}
_LISTENERS: list[Listener] = []


def register_event_type(event_type: EventType) -> None:
    _TYPES[event_type.name] = event_type


def event_types() -> list[EventType]:
    return sorted(_TYPES.values(), key=lambda t: t.name)


def add_listener(listener: Listener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def publish(name: str, payload: Payload) -> None:
    """Announce `name` once the current transaction commits (at once outside one)."""
    if name not in _TYPES:
        raise ValueError(f"unknown event type {name!r}: register it in AppConfig.ready()")
    frozen = dict(payload)

    def deliver() -> None:
        for listener in list(_LISTENERS):
            listener(name, frozen)

    transaction.on_commit(deliver)
