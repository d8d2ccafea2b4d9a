"""What apps contribute to shared pages and commands: navigation entries, home-page panels,
periodic jobs and the demo data.

An app registers its entries in `AppConfig.ready()`; core never imports another app of `tdc`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string

Visitor: TypeAlias = AbstractBaseUser | AnonymousUser
"""Whoever is asking, as core sees them (core cannot name the accounts app's User)."""


class Output(Protocol):
    """Where a command writes (a management command's stdout, a StringIO in tests)."""

    def write(self, text: str, /) -> Any: ...


def _everyone(user: Visitor) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class NavItem:
    """One menu entry. Entries of one `group` (by default the URL's namespace, "" for none)
    share a drop-down when that group is registered and two or more of them are visible."""

    label: str | Promise
    url_name: str
    order: int = 50
    visible: Callable[[Any], bool] = field(default=_everyone)
    group: str | None = None

    @property
    def group_key(self) -> str:
        if self.group is not None:
            return self.group
        return self.url_name.split(":", 1)[0] if ":" in self.url_name else ""


@dataclass(frozen=True)
class NavGroup:
    """A drop-down of the menu bar (e.g. "Đo lường": instruments, overview, types)."""

    key: str
    label: str | Promise
    order: int = 50


@dataclass(frozen=True)
class HomePanel:
    """A panel on the home page: `context(request)` returns None to hide it."""

    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 50


@dataclass(frozen=True)
class PublicLink:
    """A service for citizens and businesses, without login: in the public header and as a
    card of the public home page (report a violation, check a stamp, look up a product…)."""

    label: str | Promise
    url_name: str
    description: str | Promise = ""
    order: int = 50


_PUBLIC: dict[str, PublicLink] = {}


def register_public_link(link: PublicLink) -> None:
    _PUBLIC[link.url_name] = link


def public_links() -> list[dict[str, str]]:
    links = []
    for link in sorted(_PUBLIC.values(), key=lambda i: (i.order, i.url_name)):
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        links.append(
            {
                "label": str(link.label),
                "url": url,
                "name": link.url_name,
                "description": str(link.description),
            }
        )
    return links


_NAV: dict[str, NavItem] = {}
_NAV_GROUPS: dict[str, NavGroup] = {}
_PANELS: dict[str, HomePanel] = {}


def register_nav(item: NavItem) -> None:
    _NAV[item.url_name] = item


def register_nav_group(group: NavGroup) -> None:
    _NAV_GROUPS[group.key] = group


def register_home_panel(panel: HomePanel) -> None:
    _PANELS[panel.template] = panel


def nav_for(user: Visitor) -> list[dict[str, str]]:
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


def nav_menu_for(user: Visitor) -> list[dict[str, Any]]:
    """The menu bar: single entries and drop-downs (`items`), in order. A group with one
    visible entry is shown as that entry, so nobody opens a drop-down of one."""
    menu: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for entry in nav_for(user):
        item = _NAV[entry["name"]]
        group = _NAV_GROUPS.get(item.group_key)
        if group is None:
            menu.append({**entry, "order": item.order, "items": []})
            continue
        if group.key not in groups:
            groups[group.key] = {
                "label": str(group.label),
                "url": entry["url"],
                "name": group.key,
                "order": group.order,
                "items": [],
            }
            menu.append(groups[group.key])
        groups[group.key]["items"].append(entry)
    for key, grouped in groups.items():
        if len(grouped["items"]) == 1:
            only = grouped["items"][0]
            menu[menu.index(grouped)] = {**only, "order": grouped["order"], "items": []}
        else:
            grouped["group"] = key
    menu.sort(key=lambda e: e["order"])
    return menu


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


@dataclass(frozen=True)
class DemoStep:
    """One app's part of `loaddemo`: `load` (a dotted path to a function taking the output
    stream) runs in `order`; `logins`, if given, prints the demo accounts for --print-logins.
    Each load must be idempotent: `make run` loads the demo every time."""

    name: str
    load: str
    order: int = 50
    logins: str = ""


_DEMO: dict[str, DemoStep] = {}


def register_demo(step: DemoStep) -> None:
    _DEMO[step.name] = step


def demo_steps() -> list[DemoStep]:
    return sorted(_DEMO.values(), key=lambda s: (s.order, s.name))


def run_demo(out: Output, *, print_logins: bool = False) -> None:
    """Load every registered demo in order; then, if asked, print the demo accounts."""
    steps = demo_steps()
    for step in steps:
        import_string(step.load)(out)
    if print_logins:
        for step in steps:
            if step.logins:
                import_string(step.logins)(out)


@dataclass(frozen=True)
class TaskFact:
    """What another module records about a plan task's progress (the stage of the standards
    project drafting the regulation the task asks for…): `text` is one Vietnamese sentence the
    plan's reports quote as it is; `url` the page it comes from."""

    text: str
    url: str = ""


TaskFactsProvider: TypeAlias = Callable[[list[int]], dict[int, list[TaskFact]]]
_TASK_FACTS: dict[str, TaskFactsProvider] = {}


def register_task_facts(name: str, provider: TaskFactsProvider) -> None:
    """`provider(task_ids)` returns, for the plan tasks it knows something about, their facts
    (one query for all the tasks, never one per task)."""
    _TASK_FACTS[name] = provider


def task_facts(task_ids: Iterable[int]) -> dict[int, list[TaskFact]]:
    """Every registered module's facts about these plan tasks, module by module in name order."""
    ids = sorted(set(task_ids))
    facts: dict[int, list[TaskFact]] = {}
    if not ids:
        return facts
    for name in sorted(_TASK_FACTS):
        for task_id, found in _TASK_FACTS[name](ids).items():
            facts.setdefault(task_id, []).extend(found)
    return facts
