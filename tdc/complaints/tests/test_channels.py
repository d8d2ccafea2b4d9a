"""Reports received outside the web form are entered by staff with their channel, so every
report counts; the statistics split by channel and draw their charts; the receipt code is
shown in unbreakable groups with copy, download and print."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tdc.complaints.models import Complaint
from tdc.complaints.services import record_received_complaint
from tdc.core.models import AuditEvent

pytestmark = pytest.mark.django_db
RECORD = reverse("complaints:record")

FORM = {
    "channel": "hotline",
    "category": "fuel_dispenser",
    "description": "Cột bơm số 3 bơm thiếu khoảng 0,2 lít mỗi 10 lít, người dân gọi đường dây nóng.",
    "identity_mode": "anonymous",
}


def test_an_officer_enters_a_hotline_report_and_gets_the_code_to_pass_on(
    client, officer, province, commune, dost
):
    client.force_login(officer)
    form = client.get(RECORD)
    assert [c for c, _label in form.context["form"].fields["channel"].choices] == [
        "",
        "hotline",
        "phone",
        "email",
        "letter",
        "walk_in",
    ]
    page = client.post(RECORD, {**FORM, "province": province.pk, "commune": commune.pk})

    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.recorded_by, complaint.organisation) == (
        "hotline",
        officer,
        dost,
    )
    html = page.content.decode()
    assert f"Số hồ sơ <strong>{complaint.reference}</strong>, nhận qua đường dây nóng." in html
    assert 'data-testid="receipt-code"' in html
    event = AuditEvent.objects.get(action="complaint.recorded")
    assert (event.actor, event.data["channel"]) == (officer, "hotline")


def test_the_web_channel_cannot_be_chosen_by_staff(client, officer, province, commune):
    client.force_login(officer)
    page = client.post(RECORD, {**FORM, "channel": "web", "province": province.pk})
    assert page.status_code == 200
    assert list(page.context["form"].errors) == ["channel"]
    assert Complaint.objects.count() == 0


def test_only_dost_staff_record_reports_and_only_for_their_province(
    client, reporter, officer, province, other_province, commune
):
    client.force_login(reporter)
    assert client.get(RECORD).status_code == 403
    with pytest.raises(PermissionDenied):
        record_received_complaint(
            by=officer, channel="phone", province=other_province, **_values(commune)
        )
    with pytest.raises(ValidationError):
        record_received_complaint(by=officer, channel="web", province=province, **_values(commune))
    assert Complaint.objects.count() == 0


def _values(commune):
    return {
        "category": "counterfeit",
        "commune": commune,
        "description": "Cửa hàng bán mũ bảo hiểm không có dấu hợp quy, người dân gửi thư.",
    }


def test_statistics_split_by_channel_and_draw_the_charts(
    client, submit, officer, province, commune
):
    submit()
    submit()
    record_received_complaint(by=officer, channel="letter", province=province, **_values(commune))

    page = client.get(reverse("complaints:statistics"))
    stats = page.context["stats"]
    assert [(r.label, r.received) for r in stats.by_channel] == [
        ("Cổng trực tuyến", 2),
        ("Đơn, thư", 1),
    ]
    assert page.context["channel_chart"].rows == [
        ["Cổng trực tuyến", "2", "0"],
        ["Đơn, thư", "1", "0"],
    ]
    assert page.context["monthly_chart"].rows[0][1:] == ["3", "0"]
    assert page.context["on_time_chart"] is None  # nothing handled yet
    assert 'id="chart-channel-table"' in page.content.decode()


def test_the_receipt_code_never_breaks_inside_a_group(client, province, commune, dost):
    page = client.post(
        reverse("complaints:report"),
        {**FORM, "province": province.pk, "commune": commune.pk},
        follow=True,
    )
    html = page.content.decode()
    start = html.index('id="receipt-code"')
    code_html = html[start : html.index("</p>", start)]
    groups = code_html.count('<span class="code-group">')
    assert groups == len(page.context["receipt"]["code"].split("-")) > 1
    assert "<wbr>" in code_html
    assert 'data-download-receipt="receipt-code"' in html
    assert "data-print" in html
    assert "Không nhầm với số hồ sơ" in html
