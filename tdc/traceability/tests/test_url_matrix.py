"""Every page of traceability × every persona: the status a GET answers (as plans' matrix)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.permissions import requires_second_factor
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
URLS = [
    (p.name, p)
    for p in get_resolver("tdc.traceability.urls").url_patterns
    if isinstance(p, URLPattern) and p.name
]


@pytest.fixture
def world(business_user):
    product = ProductFactory(owner=business_user.organisation)
    PlaceFactory(owner=business_user.organisation)
    job = LotImport.objects.create(
        owner=business_user.organisation, status=LotImport.Status.REJECTED, problems=[]
    )
    return {"product": product, "lot": LotFactory(product=product), "lot_import": job}


def test_every_page_has_a_rule():
    names = {name for name, _pattern in URLS}

    assert names == set(EXPECTED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_page(client, world, persona, request):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    if persona != "anonymous":
        client.force_login(user)
    if requires_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    got, wanted = {}, {}
    for name, _pattern in URLS:
        subject = EXPECTED[name][0]
        kwargs: dict[str, Any] = {"pk": world[subject].pk} if subject else {}
        got[name] = client.get(reverse(f"traceability:{name}", kwargs=kwargs)).status_code
        wanted[name] = EXPECTED[name][1][persona]

    assert {n: s for n, s in got.items() if s != wanted[n]} == {}, persona
