"""The bell: notifications of what happens to a report."""

import pytest
from django.urls import reverse

from tdc.plans.models import (
    Notification,
)
from tdc.plans.services.reporting import submit_report
from tdc.plans.tests.factories import NotificationFactory

pytestmark = pytest.mark.usefixtures("before_the_deadline")


def _send(report, user):
    return submit_report(report, version=report.version, by=user)


def test_a_returned_report_notifies_the_reporter_in_the_bell_and_by_email(
    client, draft, reporter, officer, mailoutbox, django_capture_on_commit_callbacks
):
    from tdc.plans.services.reporting import return_report

    report = _send(draft, reporter)
    with django_capture_on_commit_callbacks(execute=True):
        return_report(report, by=officer, reason="Thiếu biên bản")
    client.force_login(reporter)

    response = client.get(reverse("plans:notification_list"))

    assert response.context["unread"] == 1
    (notification,) = response.context["page"]
    assert notification.title.startswith("Báo cáo cần bổ sung: Báo cáo năm 2026 — 1.1.")
    assert notification.body == "Ghi chú: Thiếu biên bản"
    assert [m.to for m in mailoutbox] == [["baocao.taichinh@example.vn"]]
    opened = client.get(reverse("plans:notification_open", args=[notification.pk]))
    assert opened["Location"] == reverse("plans:report_detail", args=[draft.pk])
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_nobody_opens_someone_elses_notification(client, reporter, other_reporter):
    notification = NotificationFactory(recipient=reporter, title="Riêng")
    client.force_login(other_reporter)

    assert client.get(reverse("plans:notification_open", args=[notification.pk])).status_code == 404


def test_a_notification_never_redirects_off_site(client, reporter):
    notification = NotificationFactory(
        recipient=reporter, title="Lạ", url="//evil.example/phishing"
    )
    client.force_login(reporter)

    response = client.get(reverse("plans:notification_open", args=[notification.pk]))

    assert response["Location"] == reverse("plans:notification_list")


@pytest.mark.parametrize("count", [1, 3])
def test_notification_list_query_count_is_constant(
    client, reporter, count, django_assert_num_queries
):
    for i in range(count):
        NotificationFactory(recipient=reporter, title=f"Thông báo {i}")
    client.force_login(reporter)

    with django_assert_num_queries(6):
        response = client.get(reverse("plans:notification_list"))

    assert len(response.context["page"]) == count
