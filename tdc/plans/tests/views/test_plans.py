"""The plan pages: list, search, detail, the original file, a task; who sees which plan."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import OrganisationFactory, UserFactory
from tdc.plans.models import TaskUnit
from tdc.plans.tests.factories import TaskFactory, TaskUnitFactory, imported_plan, small_plan_bytes


def test_plan_list_shows_the_plans_of_the_users_province_with_counts(
    client, officer, dost, other_province_dost
):
    imported_plan(dost.province, title="Kế hoạch tiêu chuẩn đo lường Khánh Hòa")
    imported_plan(other_province_dost.province, title="Kế hoạch của Huế")
    client.force_login(officer)

    response = client.get(reverse("plans:plan_list"))

    assert response.status_code == 200
    page = response.context["page"]
    assert [(p.title, p.task_count, p.target_count) for p in page] == [
        ("Kế hoạch tiêu chuẩn đo lường Khánh Hòa", 3, 2)
    ]
    assert "Nhập kế hoạch từ văn bản" in response.content.decode()


def test_plan_list_search_is_accent_insensitive(client, officer, dost):
    imported_plan(dost.province, "1", title="Kế hoạch tiêu chuẩn, đo lường năm 2025")
    imported_plan(dost.province, "2", title="Kế hoạch truy xuất nguồn gốc")
    client.force_login(officer)

    response = client.get(reverse("plans:plan_list"), {"q": "do luong"})

    assert [p.title for p in response.context["page"]] == ["Kế hoạch tiêu chuẩn, đo lường năm 2025"]
    htmx = client.get(reverse("plans:plan_list"), {"q": "TRUY XUAT"}, HTTP_HX_REQUEST="true")
    assert [p.title for p in htmx.context["page"]] == ["Kế hoạch truy xuất nguồn gốc"]
    assert "<h1" not in htmx.content.decode()


@pytest.mark.parametrize("item_count", [1, 3])
def test_plan_list_query_count_is_constant(
    client, officer, dost, item_count, django_assert_num_queries
):
    for index in range(item_count):
        imported_plan(dost.province, str(index))
    client.force_login(officer)

    with django_assert_num_queries(6):
        response = client.get(reverse("plans:plan_list"))

    assert len(response.context["page"]) == item_count


def test_plan_detail_query_count_does_not_grow_with_tasks(
    client, officer, dost, agency, django_assert_max_num_queries
):
    plan = imported_plan(dost.province)
    client.force_login(officer)
    with CaptureQueriesContext(connection) as three_tasks:
        client.get(plan.get_absolute_url())
    group = plan.groups.first()
    for index in range(5):
        task = TaskFactory(plan=plan, group=group, number=f"9.{index}", content="Thêm")
        TaskUnitFactory(task=task, role="lead", text="Sở Tài chính", organisation=agency)

    with django_assert_max_num_queries(len(three_tasks)):
        response = client.get(plan.get_absolute_url())

    assert len(response.context["plan"].tasks.all()) == 10  # 3 + 5 tasks, 2 duties


def test_plan_list_hides_the_import_button_from_a_reporter(client, reporter, dost):
    plan = imported_plan(
        dost.province
    )  # "các sở, ban, ngành": the reporter's department is assigned
    client.force_login(reporter)

    response = client.get(reverse("plans:plan_list"))

    assert list(response.context["page"]) == [plan]  # read-only: it holds an assignment
    assert "Nhập kế hoạch từ văn bản" not in response.content.decode()


def test_an_agency_without_an_assignment_sees_no_plan(client, dost, business_user):
    imported_plan(dost.province)
    department = OrganisationFactory(name="Sở Nội vụ", province=dost.province)  # after: unassigned
    outsider = UserFactory(
        username="baocao.noivu", organisation=department, roles=[Role.AGENCY_REPORTER]
    )

    for user in (outsider, business_user):
        client.force_login(user)
        assert list(client.get(reverse("plans:plan_list")).context["page"]) == []


def test_plan_detail_shows_everything_stored(client, officer, dost, agency):
    plan = imported_plan(dost.province)
    client.force_login(officer)

    response = client.get(plan.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "KẾ HOẠCH Thực hiện Chỉ thị số 38-CT/TW",
        "I. Tuyên truyền, nâng cao nhận thức",
        "Kiểm tra chất lượng hàng hóa lưu thông trên thị trường",
        "Quyết định số 1703/QĐ-TTg",
        "ít nhất 5 diễn đàn",
        "20/11",
        "Hằng năm",
        "Theo dõi, đôn đốc các đơn vị thực hiện Kế hoạch.",
        reverse("plans:plan_source", args=[plan.pk]),
        agency.get_absolute_url(),
    ]:
        assert text in html, text


def test_plan_detail_is_404_for_another_provinces_officer(client, other_province_officer, dost):
    plan = imported_plan(dost.province)
    client.force_login(other_province_officer)

    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:plan_source", args=[plan.pk])).status_code == 404
    task = plan.tasks.first()
    assert client.get(task.get_absolute_url()).status_code == 404


def test_plan_source_downloads_the_original_file(client, officer, dost):
    plan = imported_plan(dost.province)
    client.force_login(officer)

    response = client.get(reverse("plans:plan_source", args=[plan.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == small_plan_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="kh.txt"'


def test_task_detail_shows_the_task_group_and_units(client, officer, dost, agency):
    plan = imported_plan(dost.province)
    task = plan.tasks.get(number="1", group__number="I")
    client.force_login(officer)

    response = client.get(task.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tuyên truyền, phổ biến Chỉ thị số 38-CT/TW đến cán bộ, doanh nghiệp" in html
    assert "I. Tuyên truyền, nâng cao nhận thức" in html
    assert [u.text for u in response.context["leads"]] == ["Sở KH&CN"]
    assert [(u.text, u.organisation, u.collective) for u in response.context["partners"]] == [
        ("Sở Tài chính", agency, ""),
        ("UBND các xã, phường, đặc khu", None, "all_communes"),
    ]


def test_task_units_keep_the_text_as_written(dost, agency):
    plan = imported_plan(dost.province)

    assert list(
        TaskUnit.objects.filter(task__plan=plan, task__kind="task", role="lead").values_list(
            "text", flat=True
        )
    ) == ["Sở KH&CN", "Sở Khoa học và Công nghệ", "Sở Y tế"]


def test_only_the_provinces_officer_gets_the_plan_management_links(client, officer, leader, dost):
    plan = imported_plan(dost.province)
    task = plan.tasks.first()

    client.force_login(officer)
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    task_page = client.get(task.get_absolute_url()).content.decode()
    client.force_login(leader)
    leader_page = client.get(plan.get_absolute_url()).content.decode()

    assert f'href="/ke-hoach/thuc-hien/{plan.pk}/phan-cong/"' in plan_page
    assert f'href="/ke-hoach/phan-cong/nhiem-vu/{task.pk}/tach/"' in task_page
    assert "/phan-cong/" not in leader_page
