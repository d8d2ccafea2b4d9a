"""The persona × URL matrix every app's pages are tested with.

An app states, for every named URL of its URL conf, the object of its test world behind the
URL's `<pk>` and the status each persona gets on a GET (`rules`). `UrlMatrix` walks the URL
conf itself (`get_resolver`), so a new page without a rule fails until someone writes down who
may open it; fills the path's parameters with real ids from the world; logs the persona in
(through the second factor when the app says the user needs one); and reports every page whose
status differs from the rule. No rule may expect a server error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

# url name: (the key in the world of the object behind <pk>, or None; persona: status)
Rules = Mapping[str, tuple[str | None, Mapping[str, int]]]
# path parameter other than <pk>: its value, from the world
Fill = Mapping[str, Callable[[Mapping[str, Any]], Any]]


def named_patterns(patterns: Sequence[URLPattern | URLResolver]) -> list[tuple[str, URLPattern]]:
    """Every named pattern, included URL confs walked."""
    found: list[tuple[str, URLPattern]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found.extend(named_patterns(pattern.url_patterns))
        elif pattern.name:
            found.append((pattern.name, pattern))
    return found


def _never(user: Any) -> bool:
    return False


@dataclass(frozen=True)
class UrlMatrix:
    namespace: str  # "plans": URLs are reversed as "plans:<name>"
    urlconf: str  # "tdc.plans.urls"
    rules: Rules
    personas: Sequence[str]
    fill: Fill = field(default_factory=dict)
    # Whether a user must pass the second factor first (tdc.accounts.permissions, passed in).
    second_factor: Callable[[Any], bool] = _never

    def urls(self) -> list[tuple[str, URLPattern]]:
        return named_patterns(get_resolver(self.urlconf).url_patterns)

    def rule_problems(self) -> dict[str, Any]:
        """What is wrong with the rules against the URL conf; empty when every page has one."""
        names = [name for name, _pattern in self.urls()]
        problems: dict[str, Any] = {
            "named twice": sorted({n for n in names if names.count(n) > 1}),
            "a page without an access rule": sorted(set(names) - set(self.rules)),
            "a rule for a page that no longer exists": sorted(set(self.rules) - set(names)),
            "a rule missing a persona or naming an unknown one": sorted(
                name
                for name, (_subject, statuses) in self.rules.items()
                if set(statuses) != set(self.personas)
            ),
            "a rule that expects a server error": sorted(
                name
                for name, (_subject, statuses) in self.rules.items()
                if any(status >= 500 for status in statuses.values())
            ),
        }
        return {problem: names for problem, names in problems.items() if names}

    def url(self, name: str, pattern: URLPattern, world: Mapping[str, Any]) -> str:
        subject, _statuses = self.rules[name]
        kwargs: dict[str, Any] = {}
        for key in pattern.pattern.converters:
            if key in self.fill:
                kwargs[key] = self.fill[key](world)
            elif key == "pk" and subject is not None:
                kwargs[key] = world[subject].pk
            else:
                raise AssertionError(f"{name}: no object for <{key}>")
        return reverse(f"{self.namespace}:{name}", kwargs=kwargs)

    def log_in(self, client: Client, user: Any | None) -> None:
        """`None` stays anonymous."""
        if user is None:
            return
        client.force_login(user)
        if self.second_factor(user):
            device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    def wrong_statuses(
        self, client: Client, world: Mapping[str, Any], persona: str
    ) -> dict[str, tuple[int, int]]:
        """GET every page as the logged-in persona: {name: (got, wanted)} where they differ,
        and every server error whatever the rule says."""
        wrong: dict[str, tuple[int, int]] = {}
        for name, pattern in self.urls():
            got = client.get(self.url(name, pattern, world)).status_code
            wanted = self.rules[name][1][persona]
            if got != wanted or got >= 500:
                wrong[name] = (got, wanted)
        return wrong
