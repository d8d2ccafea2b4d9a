"""Every URL of `conformity` × every persona: the status a GET answers (the URL conf walked by
`tdc.core.testing.matrix.UrlMatrix`: a new page without a rule fails until someone writes down
who may open it)."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.accounts.permissions import requires_second_factor
from tdc.conformity import services
from tdc.conformity.tests.factories import draft, filed
from tdc.core.testing.matrix import UrlMatrix
from tdc.standards.tests.personas import (
    PERSONAS,
    POST_ONLY,
    PUBLIC,
    expect,
)

READERS = expect(
    403,
    officer=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
    business_user=200,
    other_province_officer=200,
)
# An accepted declaration of the business: its province, every province, and the business.
DETAIL = {**READERS, "other_province_officer": 404}

EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    "register_list": (None, PUBLIC),
    "register_detail": ("accepted", PUBLIC),
    "declaration_list": (None, READERS),
    "declaration_create": (None, expect(403, business_user=200)),
    "declaration_detail": ("accepted", DETAIL),
    "declaration_edit": ("draft", expect(403, business_user=200)),
    "document_add": ("draft", POST_ONLY),
    "document_download": ("accepted", DETAIL),
    "document_remove": ("draft", POST_ONLY),
    "declaration_submit": ("draft", POST_ONLY),
    "declaration_accept": ("accepted", POST_ONLY),
    "declaration_return": ("accepted", POST_ONLY),
    "receipt_download": ("accepted", DETAIL),
}

MATRIX = UrlMatrix(
    namespace="conformity",
    urlconf="tdc.conformity.urls",
    rules=EXPECTED,
    personas=PERSONAS,
    fill={"document_pk": lambda world: world["document"].pk},
    second_factor=requires_second_factor,
)


def test_every_url_has_a_rule():
    assert MATRIX.rule_problems() == {}


@pytest.fixture
def world(officer, business_user) -> dict[str, Any]:
    accepted = services.accept_declaration(filed(business_user), by=officer)
    return {
        "accepted": accepted,
        "draft": draft(business_user, product_name="Nháp"),
        "document": accepted.documents.first(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status(client, world, persona, request):
    MATRIX.log_in(client, None if persona == "anonymous" else request.getfixturevalue(persona))

    assert MATRIX.wrong_statuses(client, world, persona) == {}, persona
