"""What every page of plans shares: no inline script or style (the CSP forbids them)."""

import re

import pytest
from django.urls import reverse

from tdc.plans.models import (
    Task,
)
from tdc.plans.services.reporting import submit_report

pytestmark = pytest.mark.usefixtures("before_the_deadline")


def _send(report, user):
    return submit_report(report, version=report.version, by=user)


def _text(response):
    return response.content.decode()


def test_every_page_renders_without_inline_script_or_style(client, draft, reporter, officer):
    _send(draft, reporter)
    client.force_login(officer)
    plan_pk = draft.period.plan_id
    task = Task.objects.get(plan_id=plan_pk, number="1.1")
    urls = [
        reverse("plans:my_tasks"),
        reverse("plans:report_list"),
        reverse("plans:report_detail", args=[draft.pk]),
        reverse("plans:dashboard"),
        reverse("plans:period_list", args=[plan_pk]),
        reverse("plans:period_detail", args=[draft.period_id]),
        reverse("plans:assignment_list", args=[plan_pk]),
        reverse("plans:task_create", args=[plan_pk]),
        reverse("plans:task_edit", args=[task.pk]),
        reverse("plans:task_reassign", args=[task.pk]),
        reverse("plans:task_split", args=[task.pk]),
        reverse("plans:indicator_list"),
        reverse("plans:indicator_create", args=[plan_pk]),
        reverse("plans:explanation_list"),
        reverse("plans:explanation_create", args=[draft.period_id]),
        reverse("plans:notification_list"),
        "/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = _text(response)
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body) is None, url
        assert " style=" not in body, url
