"""Every URL of `surveillance` × every persona: the status a GET answers.

The URLs come from the URL conf itself (`tdc.core.testing.matrix.UrlMatrix`), and each must
have a row in `EXPECTED`.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.accounts.permissions import requires_second_factor
from tdc.core.testing.matrix import UrlMatrix
from tdc.plans.tests.personas import PERSONAS, POST_ONLY, expect
from tdc.surveillance import services
from tdc.surveillance.tests.services.test_photos import jpeg_with_gps

PUBLIC = expect(200, anonymous=200)


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("anh.jpg", jpeg_with_gps())


# Seeing surveillance at all: DoST, leadership, the Ministry, administrators, businesses.
VIEWERS = expect(
    403,
    officer=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
    business_user=200,
    other_province_officer=200,
)
# Province-level pages (programmes, products, warnings, plans): not for a business.
PROVINCE_LISTS = {**VIEWERS, "business_user": 403}
PROVINCE_RECORD = {**PROVINCE_LISTS, "other_province_officer": 404, "business_user": 404}
# The business's own establishment, its samples and inspections.
OWN_RECORD = {**VIEWERS, "other_province_officer": 404}
# Recording: TĐC officers, in their own province.
RECORDING = expect(403, officer=200, other_province_officer=200)
RECORDING_ON = expect(403, officer=200, other_province_officer=404)

EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    "overview": (None, {**VIEWERS, "business_user": 302}),  # a business goes to its page
    "product_list": (None, PROVINCE_LISTS),
    "product_create": (None, RECORDING),
    "product_detail": ("product", PROVINCE_RECORD),
    "product_photo_upload": ("product", POST_ONLY),
    "product_photo": ("product", PROVINCE_RECORD),
    "establishment_list": (None, VIEWERS),
    "establishment_create": (None, RECORDING),
    "rescore": (None, POST_ONLY),
    "establishment_detail": ("establishment", OWN_RECORD),
    "establishment_edit": ("establishment", RECORDING_ON),
    "testing_body_list": (None, PROVINCE_LISTS),
    "testing_body_create": (None, RECORDING),
    "testing_body_edit": ("testing_body", RECORDING_ON),
    "programme_list": (None, PROVINCE_LISTS),
    "programme_create": (None, RECORDING),
    "results_template": (None, RECORDING),
    "priorities": (None, RECORDING),
    "programme_detail": ("programme", PROVINCE_RECORD),
    "sample_create": ("programme", RECORDING_ON),
    "results_import": ("programme", RECORDING_ON),
    # Only the officer who just imported has an error file in their session.
    "results_import_errors": ("programme", expect(403, officer=404, other_province_officer=404)),
    "sample_detail": ("sample", OWN_RECORD),
    "result_create": ("sample", POST_ONLY),
    "sample_photo_upload": ("sample", POST_ONLY),
    "sample_photo": ("sample", OWN_RECORD),
    "lab_report_upload": ("sample", POST_ONLY),
    "lab_report_download": ("sample", OWN_RECORD),
    "assessment_create": ("sample", RECORDING_ON),
    "warning_from_sample": ("sample", RECORDING_ON),
    "assessment_detail": ("assessment", PROVINCE_RECORD),
    "assessment_rerun": ("assessment", POST_ONLY),
    "warning_from_assessment": ("assessment", POST_ONLY),
    "warning_list": (None, PROVINCE_LISTS),
    "warning_detail": ("warning", PROVINCE_RECORD),
    "warning_approve": ("warning", POST_ONLY),
    "warning_publish": ("warning", POST_ONLY),
    "warning_withdraw": ("warning", POST_ONLY),
    "public_warnings": (None, PUBLIC),
    "public_feed": (None, PUBLIC),
    "public_gtin": (None, PUBLIC),
    "public_warning": ("warning", PUBLIC),
    "public_warning_photo": ("warning", PUBLIC),
    "plan_list": (None, PROVINCE_LISTS),
    "hit_rate": (None, PROVINCE_LISTS),
    "plan_detail": ("plan", PROVINCE_RECORD),
    "plan_review": ("plan", POST_ONLY),
    "plan_approve": ("plan", POST_ONLY),
    "plan_add": ("plan", POST_ONLY),
    "plan_remove": ("plan", POST_ONLY),
    "plan_docx": ("plan", PROVINCE_RECORD),
    "plan_xlsx": ("plan", PROVINCE_RECORD),
    "inspection_list": (None, VIEWERS),
    "inspection_create": (None, RECORDING),
    "inspection_detail": ("inspection", OWN_RECORD),
    "inspection_record": ("inspection", POST_ONLY),
    "violation_create": ("inspection", POST_ONLY),
}


MATRIX = UrlMatrix(
    namespace="surveillance",
    urlconf="tdc.surveillance.urls",
    rules=EXPECTED,
    personas=PERSONAS,
    fill={
        "item_pk": lambda world: world["item"].pk,
        "reference": lambda world: world["warning"].reference,
        "which": lambda world: "san-pham",
    },
    second_factor=requires_second_factor,
)


def test_every_url_of_surveillance_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_page(
    client, world, testing_body, persona, request, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    officer = request.getfixturevalue("officer")
    services.set_product_photo(world["product"], upload=photo(), by=officer)
    services.set_sample_photo(world["sample"], upload=photo(), by=officer)
    MATRIX.log_in(client, None if persona == "anonymous" else request.getfixturevalue(persona))

    assert MATRIX.wrong_statuses(client, world, persona) == {}, persona
