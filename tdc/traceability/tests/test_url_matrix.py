"""Every page of traceability × every persona: the status a GET answers (as plans' matrix:
`tdc.core.testing.matrix.UrlMatrix`)."""

from __future__ import annotations

import pytest

from tdc.accounts.permissions import requires_second_factor
from tdc.core.testing.matrix import UrlMatrix
from tdc.plans.tests.personas import PERSONAS, expect
from tdc.traceability.models import LotImport
from tdc.traceability.tests.factories import LotFactory, PlaceFactory, ProductFactory

pytestmark = pytest.mark.django_db

READERS = expect(
    403,
    officer=200,
    business_user=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
    other_province_officer=200,
)
# A record of the business in Khánh Hòa: the officer of another province does not see it.
RECORD_READERS = {**READERS, "other_province_officer": 404}
WRITERS = expect(403, business_user=200)
EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    "overview": (None, READERS),
    "product_create": (None, WRITERS),
    "product_detail": ("product", RECORD_READERS),
    "product_edit": ("product", WRITERS),
    "lot_detail": ("lot", RECORD_READERS),
    "lot_qr_svg": ("lot", WRITERS),
    "lot_qr_png": ("lot", WRITERS),
    "lot_labels": ("lot", WRITERS),
    "places": (None, WRITERS),
    "step": (None, WRITERS),
    "lot_import": (None, WRITERS),
    "lot_import_template": (None, WRITERS),
    "lot_import_errors": ("lot_import", WRITERS),
}
MATRIX = UrlMatrix(
    namespace="traceability",
    urlconf="tdc.traceability.urls",
    rules=EXPECTED,
    personas=PERSONAS,
    second_factor=requires_second_factor,
)


@pytest.fixture
def world(business_user):
    product = ProductFactory(owner=business_user.organisation)
    PlaceFactory(owner=business_user.organisation)
    job = LotImport.objects.create(
        owner=business_user.organisation, status=LotImport.Status.REJECTED, problems=[]
    )
    return {"product": product, "lot": LotFactory(product=product), "lot_import": job}


def test_every_page_has_a_rule():
    assert MATRIX.rule_problems() == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_page(client, world, persona, request):
    MATRIX.log_in(client, None if persona == "anonymous" else request.getfixturevalue(persona))

    assert MATRIX.wrong_statuses(client, world, persona) == {}, persona
