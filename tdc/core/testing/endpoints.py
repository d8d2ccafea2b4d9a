"""The persona × endpoint matrix every app's JSON API is tested with (the pages' `UrlMatrix`,
over the API).

An app states, for every operation of its ninja routers (named by its view function), the
object of its test world behind the path's `{pk}`, the body a write is sent with, and the
status each persona gets (`rules`). `ApiMatrix` walks the routers themselves, so a new endpoint
without a rule fails until someone writes down who may call it; fills the path's parameters
with real ids from the world; sends each persona's bearer token (issued by the function the app
passes in: `core` imports no other app); and reports every endpoint whose status differs from
the rule, and every server error whatever the rule says.

Reads are called by everyone. A write is called only by the personas it must refuse: a persona
the rule marks `ALLOWED` is not called, so the world stays as it was (the app's round-trip
tests make the allowed writes). A write that lets an outsider through then changes the world,
and the app's test, which compares the world before and after, fails.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from ninja import Router

TOKEN = 401  # no valid token
ALLOWED = 0  # may do it: not called by the matrix (the app's round-trip tests call it)

World = Mapping[str, Any]


@dataclass(frozen=True)
class Form:
    """The body of an upload route, sent as multipart form data; `fields` builds it afresh for
    every call (an uploaded file is read once)."""

    fields: Callable[[], dict[str, Any]]


# The body of a write: JSON (a mapping, or built from the world), a form, or None (`{}`).
Payload = Mapping[str, Any] | Callable[[World], Mapping[str, Any]] | Form | None
# view function name: (the key in the world of the object behind {pk}, or None; body; statuses)
Rules = Mapping[str, tuple[str | None, Payload, Mapping[str, int]]]
# path parameter other than {pk}: its value, from the world
Fill = Mapping[str, Callable[[World], Any]]

_PARAMETER = re.compile(r"\{(?:\w+:)?(\w+)\}")  # "{pk}", "{int:pk}"


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # below the matrix's prefix, as the router declares it: "/reports/{int:pk}"
    name: str  # the view function's name, the key of the rules


def operations(router: Router, prefix: str = "") -> list[Operation]:
    """Every operation of `router` and of the routers it includes."""
    found = [
        Operation(method, prefix + path, operation.view_func.__name__)
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    ]
    for sub_prefix, sub, *_rest in router._routers:
        found.extend(operations(sub, prefix + sub_prefix))
    return found


@dataclass(frozen=True)
class ApiMatrix:
    prefix: str  # "/api/v1/plans": where the routers are mounted
    routers: Sequence[Router]
    rules: Rules
    personas: Sequence[str]  # "anonymous" calls without a token
    # Issues `user` a bearer token and returns its key (tdc.accounts.services, passed in).
    issue_token: Callable[[Any], str]
    fill: Fill = field(default_factory=dict)
    # Operations of the routers this matrix leaves to other tests (say where in the app).
    skip: Collection[str] = ()

    def operations(self) -> list[Operation]:
        return [
            operation
            for router in self.routers
            for operation in operations(router)
            if operation.name not in self.skip
        ]

    def rule_problems(self) -> dict[str, Any]:
        """What is wrong with the rules against the routers; empty when every endpoint has one."""
        names = [operation.name for operation in self.operations()]
        reads = {operation.name for operation in self.operations() if operation.method == "GET"}
        problems: dict[str, Any] = {
            "named twice": sorted({n for n in names if names.count(n) > 1}),
            "an endpoint without an access rule": sorted(set(names) - set(self.rules)),
            "a rule for an endpoint that no longer exists": sorted(set(self.rules) - set(names)),
            "a rule missing a persona or naming an unknown one": sorted(
                name
                for name, (_subject, _payload, statuses) in self.rules.items()
                if set(statuses) != set(self.personas)
            ),
            "a rule that expects a server error": sorted(
                name
                for name, (_subject, _payload, statuses) in self.rules.items()
                if any(status >= 500 for status in statuses.values())
            ),
            "a read that is not called for someone": sorted(
                name
                for name, (_subject, _payload, statuses) in self.rules.items()
                if name in reads and ALLOWED in statuses.values()
            ),
        }
        return {problem: names for problem, names in problems.items() if names}

    def url(self, operation: Operation, world: World) -> str:
        subject = self.rules[operation.name][0]

        def value(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in self.fill:
                return str(self.fill[key](world))
            if key == "pk" and subject is not None:
                return str(world[subject].pk)
            raise AssertionError(f"{operation.name}: no object for {{{key}}}")

        return self.prefix + _PARAMETER.sub(value, operation.path)

    def headers(self, user: Any | None) -> dict[str, str]:
        """The bearer token of `user`; `None` calls without one."""
        if user is None:
            return {}
        return {"Authorization": f"Bearer {self.issue_token(user)}"}

    def call(
        self, client: Client, operation: Operation, world: World, headers: Mapping[str, str]
    ) -> int:
        url = self.url(operation, world)
        if operation.method == "GET":
            return client.get(url, headers=headers).status_code
        payload = self.rules[operation.name][1]
        if isinstance(payload, Form):
            if operation.method != "POST":
                raise AssertionError(f"{operation.name}: a form is posted")
            return client.post(url, payload.fields(), headers=headers).status_code
        body = payload(world) if callable(payload) else payload
        return client.generic(
            operation.method,
            url,
            data=json.dumps(dict(body or {})),
            content_type="application/json",
            headers=headers,
        ).status_code

    def wrong_statuses(
        self, client: Client, world: World, persona: str, user: Any | None
    ) -> dict[str, tuple[int, int]]:
        """Call every endpoint the persona's rule does not mark ALLOWED, as `user` (None for
        "anonymous"): {name: (got, wanted)} where they differ, and every server error."""
        headers = self.headers(user)
        wrong: dict[str, tuple[int, int]] = {}
        for operation in self.operations():
            wanted = self.rules[operation.name][2][persona]
            if wanted == ALLOWED:
                continue
            got = self.call(client, operation, world, headers)
            if got != wanted or got >= 500:
                wrong[operation.name] = (got, wanted)
        return wrong
