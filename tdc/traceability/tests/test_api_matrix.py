"""Every endpoint of /api/v1/traceability/ × every persona, and another business (the pages'
matrix over JSON, as surveillance's: `tdc.core.testing.endpoints.ApiMatrix`).

Reads are called by everyone; a write only by those it must refuse (an allowed one is ALLOWED
and not called here — test_api.py calls them), with a payload that passes validation, so that
what answers is the door. Nothing may change.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from tdc.accounts.services import issue_api_token
from tdc.api import api
from tdc.core.models import AuditEvent
from tdc.core.testing.endpoints import ALLOWED, TOKEN, ApiMatrix, Form, Rules
from tdc.plans.tests.personas import PERSONAS, expect
from tdc.traceability.api import lots, master
from tdc.traceability.models import Lot, LotImport, Place, Product
from tdc.traceability.tests.factories import LotFactory, PlaceFactory, ProductFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/traceability"
OTHER = "other_business_user"
PERSONAS_HERE = (*PERSONAS, OTHER)

# Lists: whoever reads the traceability pages (each sees its reach; another business its own).
READERS = {
    **expect(
        403,
        anonymous=TOKEN,
        officer=200,
        business_user=200,
        leader=200,
        ministry_viewer=200,
        admin_user=200,
        other_province_officer=200,
    ),
    OTHER: 200,
}
# A record of the business in Khánh Hòa: not found out of reach.
RECORD_READERS = {**READERS, "other_province_officer": 404, OTHER: 404}
# The business's own lists (places, imports): businesses only, each its own.
OWN_LISTS = {**expect(403, anonymous=TOKEN, business_user=200), OTHER: 200}
OWN_RECORDS = {**OWN_LISTS, OTHER: 404}
# Creating for one's own business: businesses only.
CREATE = {**expect(403, anonymous=TOKEN, business_user=ALLOWED), OTHER: ALLOWED}
# Changing the business's record: another business does not find it.
CHANGE = {**CREATE, OTHER: 404}


NOW = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()
EXPECTED: Rules = {
    "list_products": (None, None, READERS),
    "get_product": ("product", None, RECORD_READERS),
    "create_product": (None, {"gtin": "8934588063077", "name": "Xoài keo"}, CREATE),
    "update_product": ("product", {"name": "Xoài cát chu"}, CHANGE),
    "upload_product_image": ("product", Form(lambda: {"file": _png()}), CHANGE),
    "list_places": (None, None, OWN_LISTS),
    "get_place": ("place", None, OWN_RECORDS),
    "create_place": (None, {"code": "kho-2", "name": "Kho 2"}, CREATE),
    "list_lots": (None, None, READERS),
    "get_lot": ("lot", None, RECORD_READERS),
    # The world's product and place: another business's token does not find them.
    "record_step": (
        None,
        lambda world: {
            "step": "harvest",
            "lot_number": "L9",
            "when": NOW,
            "product_id": world["product"].pk,
            "place_id": world["place"].pk,
        },
        CHANGE,
    ),
    "list_lot_imports": (None, None, OWN_LISTS),
    "import_lots": (None, Form(lambda: {"file": _xlsx()}), CREATE),
    "get_lot_import": ("lot_import", None, OWN_RECORDS),
    "lot_import_errors": ("lot_import", None, OWN_RECORDS),
}
MATRIX = ApiMatrix(
    prefix=API,
    routers=[master.router, lots.router],
    rules=EXPECTED,
    personas=PERSONAS_HERE,
    issue_token=lambda user: issue_api_token(user, name="matrix")[1],
)


def _png() -> io.BytesIO:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "xoai.png"
    return buffer


def _xlsx() -> io.BytesIO:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["GTIN", "Số lô", "Ngày sản xuất", "Hạn sử dụng", "Số lượng", "Đơn vị"])
    sheet.append(["8934588063060", "L77", "", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "lo.xlsx"
    return buffer


@pytest.fixture
def world(business_user):
    product = ProductFactory(owner=business_user.organisation)
    place = PlaceFactory(owner=business_user.organisation)
    job = LotImport.objects.create(
        owner=business_user.organisation,
        status=LotImport.Status.REJECTED,
        problems=[{"row": 2, "values": ["1", "", "", "", "", ""], "message": "sai"}],
    )
    return {
        "product": product,
        "place": place,
        "lot": LotFactory(product=product),
        "lot_import": job,
    }


def test_every_endpoint_of_the_traceability_api_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}
    names = [operation.name for operation in MATRIX.operations()]
    documented = [
        (path, method)
        for path, item in api.get_openapi_schema()["paths"].items()
        if path.startswith(API + "/")
        for method in item
    ]
    assert len(names) == len(set(names)) == len(documented) == 15


@pytest.mark.parametrize("persona", PERSONAS_HERE)
def test_each_persona_gets_the_expected_status_from_every_endpoint(client, world, persona, request):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    counts = [m.objects.count() for m in (Product, Place, Lot, LotImport)]

    assert MATRIX.wrong_statuses(client, world, persona, user) == {}, persona
    # Nothing was let through: no traceability write was logged or stored.
    assert not AuditEvent.objects.filter(action__startswith="traceability.", pk__gt=last).exists()
    assert [m.objects.count() for m in (Product, Place, Lot, LotImport)] == counts
    assert Product.objects.get().name == "Xoài cát Hòa Lộc"
    assert not Product.objects.get().image


def test_a_list_shows_each_reader_its_reach_only(client, world, other_business_user, request):
    """The officer of another province and another business list nothing of Khánh Hòa's."""
    seen = {}
    for persona in ("officer", "ministry_viewer", "other_province_officer", OTHER):
        _token, key = issue_api_token(request.getfixturevalue(persona), name="matrix")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        seen[persona] = (
            client.get(f"{API}/products", **auth).json()["count"],
            client.get(f"{API}/lots", **auth).json()["count"],
        )
    assert seen == {
        "officer": (1, 1),
        "ministry_viewer": (1, 1),
        "other_province_officer": (0, 0),
        OTHER: (0, 0),
    }
