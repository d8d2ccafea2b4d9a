"""The rule checks of the shared matrices (`tdc.core.testing`): what each reports when an app's
rules and its routes drift apart. The apps' matrices use them; these tests need no app."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.http import HttpRequest
from ninja import Router

from tdc.core.testing.endpoints import ALLOWED, TOKEN, ApiMatrix, Form, operations

PERSONAS = ("officer", "anonymous")


def _router() -> Router:
    router = Router()
    inner = Router()

    @router.get("/things")
    def list_things(request: HttpRequest) -> list[int]:
        return []

    @router.put("/things/{int:pk}")
    def change_thing(request: HttpRequest, pk: int) -> int:
        return pk

    @inner.get("/things/{pk}/parts/{part_pk}")
    def get_part(request: HttpRequest, pk: int, part_pk: int) -> int:
        return part_pk

    router.add_router("/inner", inner)
    return router


def _matrix(**rules: tuple[str | None, object, dict[str, int]]) -> ApiMatrix:
    return ApiMatrix(
        prefix="/api/v1/here",
        routers=[_router()],
        rules=rules,
        personas=PERSONAS,
        issue_token=lambda user: "key",
        fill={"part_pk": lambda world: world["part"].pk},
    )


def test_operations_walk_the_included_routers():
    found = [(o.method, o.path, o.name) for o in operations(_router())]

    assert found == [
        ("GET", "/things", "list_things"),
        ("PUT", "/things/{int:pk}", "change_thing"),
        ("GET", "/inner/things/{pk}/parts/{part_pk}", "get_part"),
    ]


def test_rules_that_match_the_routes_have_no_problem():
    matrix = _matrix(
        list_things=(None, None, {"officer": 200, "anonymous": TOKEN}),
        change_thing=("thing", {}, {"officer": ALLOWED, "anonymous": TOKEN}),
        get_part=("thing", None, {"officer": 404, "anonymous": TOKEN}),
    )

    assert matrix.rule_problems() == {}


def test_each_kind_of_drift_is_reported():
    matrix = _matrix(
        list_things=(None, None, {"officer": ALLOWED, "anonymous": TOKEN}),
        change_thing=("thing", {}, {"officer": 500}),
        gone=(None, None, {"officer": 200, "anonymous": TOKEN}),
    )

    assert matrix.rule_problems() == {
        "an endpoint without an access rule": ["get_part"],
        "a rule for an endpoint that no longer exists": ["gone"],
        "a rule missing a persona or naming an unknown one": ["change_thing"],
        "a rule that expects a server error": ["change_thing"],
        "a read that is not called for someone": ["list_things"],
    }


def test_a_skipped_operation_needs_no_rule():
    matrix = ApiMatrix(
        prefix="/api/v1/here",
        routers=[_router()],
        rules={"list_things": (None, None, {"officer": 200, "anonymous": TOKEN})},
        personas=PERSONAS,
        issue_token=lambda user: "key",
        skip={"change_thing", "get_part"},
    )

    assert matrix.rule_problems() == {}


def test_the_path_is_filled_from_the_world_and_a_missing_object_is_said():
    matrix = _matrix(
        list_things=(None, None, {}),
        change_thing=(None, {}, {}),
        get_part=("thing", None, {}),
    )
    world = {"thing": SimpleNamespace(pk=7), "part": SimpleNamespace(pk=9)}
    by_name = {o.name: o for o in matrix.operations()}

    assert matrix.url(by_name["get_part"], world) == "/api/v1/here/inner/things/7/parts/9"
    with pytest.raises(AssertionError, match=r"change_thing: no object for \{pk\}"):
        matrix.url(by_name["change_thing"], world)


def test_the_token_goes_in_the_authorization_header_and_a_form_is_only_posted():
    matrix = _matrix(change_thing=("thing", Form(dict), {}))
    change = next(o for o in matrix.operations() if o.name == "change_thing")

    assert matrix.headers(None) == {}
    assert matrix.headers(object()) == {"Authorization": "Bearer key"}
    with pytest.raises(AssertionError, match="change_thing: a form is posted"):
        matrix.call(None, change, {"thing": SimpleNamespace(pk=1)}, {})
