"""A TĐC officer's task pages."""

import pytest
from django.urls import reverse

from tdc.core.models import AuditEvent
from tdc.plans.models import (
    Assignment,
    Task,
)
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan

pytestmark = pytest.mark.usefixtures("before_the_deadline")


def test_the_officer_reassigns_a_task_from_the_page(client, plan, officer, agency, other_agency):
    task = Task.objects.get(plan=plan, number="1.1")
    client.force_login(officer)

    response = client.post(
        reverse("plans:task_reassign", args=[task.pk]), {"leads": [other_agency.pk], "partners": []}
    )

    assert response.status_code == 302
    assert list(
        Assignment.objects.filter(task=task, is_active=True).values_list(
            "organisation__name", "role"
        )
    ) == [("Sở Y tế", "lead")]
    assert AuditEvent.objects.filter(action="task.reassigned", actor=officer).count() == 1


@pytest.mark.parametrize("who", ["leader", "reporter", "other_province_officer"])
def test_only_the_provinces_officer_opens_the_task_editing_pages(client, plan, who, request):
    task = Task.objects.get(plan=plan, number="1.1")
    client.force_login(request.getfixturevalue(who))

    for name in ("plans:task_edit", "plans:task_reassign", "plans:task_split"):
        assert client.get(reverse(name, args=[task.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_assignment_list_query_count_is_constant(
    client, dost, agency, officer, count, django_assert_num_queries
):
    plan = make_plan(dost, [{"number": f"3.{i}", "leads": [agency, dost]} for i in range(count)])
    assign_plan(plan)
    client.force_login(officer)

    with django_assert_num_queries(7):
        response = client.get(reverse("plans:assignment_list", args=[plan.pk]))

    assert len(response.context["rows"]) == count
