"""What apps contribute to shared pages: navigation entries and home-page panels.

An app registers its entries in `AppConfig.ready()`; core never imports domain apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def _everyone(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    order: int = 50
    visible: Callable[[Any], bool] = field(default=_everyone)


@dataclass(frozen=True)
class HomePanel:
    """A panel on the home page: `context(request)` returns None to hide it."""

    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 50


_NAV: dict[str, NavItem] = {}
_PANELS: dict[str, HomePanel] = {}


def register_nav(item: NavItem) -> None:
    _NAV[item.url_name] = item


def register_home_panel(panel: HomePanel) -> None:
    _PANELS[panel.template] = panel


def nav_for(user: Any) -> list[dict[str, str]]:
    """The entries this user may open; an entry without a page behind it is left out."""
    entries = []
    for item in sorted(_NAV.values(), key=lambda i: (i.order, i.url_name)):
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": str(item.label), "url": url, "name": item.url_name})
    return entries


def home_panels_for(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    panels = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.template)):
        context = panel.context(request)
        if context is not None:
            panels.append((panel.template, context))
    return panels


@dataclass(frozen=True)
class PeriodicJob:
    """Work to enqueue on a schedule (reminders, digests). The job itself must be idempotent."""

    name: str
    enqueue: Callable[[], Any]
    every_seconds: int = 3600


_PERIODIC: dict[str, PeriodicJob] = {}


def register_periodic(job: PeriodicJob) -> None:
    _PERIODIC[job.name] = job


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_PERIODIC.values(), key=lambda j: j.name)
