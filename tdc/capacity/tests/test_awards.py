"""Commending the reporter of a complaint: the commendation names the complaint and never the
person; no page, API answer, export or log line of this app can show who it is.

The identity is planted for real (a confidential report with every identity field) so that a
leak would be seen; the check is the complaints module's own (`assert_no_identity`)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from tdc.accounts.services import issue_api_token
from tdc.capacity.models import Award
from tdc.capacity.services import record_award
from tdc.capacity.tests.factories import AwardFactory
from tdc.complaints.services import submit_complaint
from tdc.complaints.tests.factories import CommuneFactory
from tdc.complaints.tests.helpers import KEY_A, PLANTED, SECRET_NAME, assert_no_identity
from tdc.core.models import AuditEvent

PERSONAS = (
    "officer",
    "reporter",
    "approver",
    "commune_officer",
    "leader",
    "custodian",
    "ministry_viewer",
    "admin_user",
)


@pytest.fixture(autouse=True)
def identity_keys(settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = KEY_A
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(tmp_path / "identity.keys")


@pytest.fixture
def complaint(province, dost):
    commune = CommuneFactory(code=22555, name="Phường Tây Nha Trang", province=province)
    return submit_complaint(
        category="measurement_fraud",
        province=province,
        commune=commune,
        business_name="Sạp cá cô Ba",
        address="Chợ Đầm",
        description="Cân điện tử cân thiếu khoảng 100 gam mỗi ki-lô-gam.",
        identity=PLANTED,
        wants_denunciation=True,
    ).complaint


@pytest.fixture
def commendation(complaint, officer):
    return record_award(
        kind=Award.Kind.REPORTER,
        title="Giấy khen của Giám đốc Sở Khoa học và Công nghệ",
        decided_on=dt.date(2025, 12, 1),
        decision_number="125/QĐ-SKHCN",
        complaint_reference=complaint.reference,
        amount=2_000_000,
        reason="Phản ánh kịp thời giúp phát hiện cân sai",
        by=officer,
    )


def test_a_reporters_commendation_names_the_complaint_only(commendation, complaint):
    assert (commendation.complaint_id, commendation.recipient_name) == (complaint.pk, "")
    assert commendation.recipient_organisation_id is None


def test_a_name_for_a_reporters_commendation_is_refused(complaint, officer):
    with pytest.raises(ValidationError) as error:
        record_award(
            kind=Award.Kind.REPORTER,
            title="Giấy khen",
            decided_on=dt.date(2025, 12, 1),
            complaint_reference=complaint.reference,
            recipient_name=SECRET_NAME,
            by=officer,
        )
    assert error.value.messages == [
        "Khen thưởng người phản ánh không ghi tên người được khen: danh tính của họ chỉ nằm "
        "trong hồ sơ phản ánh."
    ]
    assert Award.objects.count() == 0


def test_the_database_refuses_a_name_on_a_reporters_commendation(complaint, officer):
    award = AwardFactory.build(
        kind=Award.Kind.REPORTER,
        complaint=complaint,
        recipient_organisation=None,
        recipient_name="Ai đó",
        province=complaint.province,
    )
    with pytest.raises(ValidationError):
        award.full_clean()


def test_a_complaint_out_of_reach_cannot_be_commended(complaint, other_province_officer):
    with pytest.raises(ValidationError) as error:
        record_award(
            kind=Award.Kind.REPORTER,
            title="Giấy khen",
            decided_on=dt.date(2025, 12, 1),
            complaint_reference=complaint.reference,
            by=other_province_officer,
        )
    assert error.value.messages == [
        f"Không tìm thấy phản ánh số {complaint.reference} trong các phản ánh bạn được xem."
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_of_the_app_shows_who_reported(request, client, log_in, commendation, persona):
    log_in(client, request.getfixturevalue(persona))

    for url in ("/nang-luc/khen-thuong/", "/nang-luc/", "/nang-luc/khen-thuong/them/"):
        response = client.get(url)
        assert response.status_code in {200, 403}
        assert_no_identity(response)


def test_the_list_says_the_reporter_is_protected(client, officer, commendation, complaint):
    client.force_login(officer)
    text = client.get("/nang-luc/khen-thuong/").content.decode()
    assert f"Người phản ánh của phản ánh {complaint.reference} (danh tính được bảo vệ)" in text


def test_the_api_and_the_audit_log_never_carry_the_identity(client, officer, commendation):
    _, key = issue_api_token(officer, name="test")
    response = client.get("/api/v1/capacity/awards", headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert_no_identity(response)
    item = response.json()["items"][0]
    assert item["recipient"] == "Người phản ánh (danh tính được bảo vệ)"
    events = list(AuditEvent.objects.filter(action="award.recorded").values())
    assert_no_identity(json.dumps(events, default=str, ensure_ascii=False))


def test_the_planted_identity_would_be_seen(complaint):
    """The check is not blind: the complaints app's own store holds the name."""
    with pytest.raises(AssertionError):
        assert_no_identity(f"<td>{SECRET_NAME}</td>")
