"""Factories for the models of plans, and `make_plan`: a small plan like the Khánh Hòa 2026 seed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

import factory
from factory.django import DjangoModelFactory

from tdc.accounts.models import Organisation
from tdc.plans.models import (
    ExplanationRequest,
    Notification,
    Plan,
    PlanImportDraft,
    ProgressReport,
    ReportingDeadline,
    Target,
    Task,
    TaskGroup,
    TaskUnit,
)


class PlanFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    title = "KẾ HOẠCH Thực hiện Chỉ thị số 38-CT/TW trên địa bàn tỉnh Khánh Hòa"
    issuer = "UBND tỉnh Khánh Hòa"
    year = 2026
    source_hash = factory.Sequence(lambda n: f"hash{n:04d}")


class TaskGroupFactory(DjangoModelFactory[TaskGroup]):
    class Meta:
        model = TaskGroup

    number = "1"
    title = "Công tác tuyên truyền, nâng cao nhận thức"


class TaskFactory(DjangoModelFactory[Task]):
    class Meta:
        model = Task

    number = factory.Sequence(lambda n: f"1.{n + 1}")
    content = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm số {n + 1}")
    timeline = "Năm 2026 và những năm tiếp theo"
    position = factory.Sequence(lambda n: n + 1)


def unit(
    task: Task, role: str, org: Organisation | None = None, *, text: str = "", collective: str = ""
) -> TaskUnit:
    return TaskUnit.objects.create(
        task=task,
        role=role,
        text=text or (org.name if org else collective),
        organisation=org,
        collective=collective,
        confidence=1.0,
    )


def make_plan(
    owner: Organisation,
    tasks: Sequence[dict[str, Any]] = (),
    *,
    deadline: tuple[int, int] | None = (10, 11),
    year: int = 2026,
    groups: Sequence[str] = ("Công tác tuyên truyền, nâng cao nhận thức",),
) -> Plan:
    """A plan owned by `owner` (DoST); each task: {"leads": [...], "partners": [...], …}."""
    plan = cast(Plan, PlanFactory(province=owner.province, owner=owner, year=year))
    made_groups = [
        TaskGroupFactory(plan=plan, number=str(i), title=title, position=i)
        for i, title in enumerate(groups, start=1)
    ]
    for spec in tasks:
        spec = dict(spec)
        leads = spec.pop("leads", [])
        partners = spec.pop("partners", [])
        group_index = spec.pop("group", 0)
        task = TaskFactory(
            plan=plan, group=made_groups[group_index] if made_groups else None, **spec
        )
        for lead in leads:
            if isinstance(lead, str):
                unit(task, TaskUnit.Role.LEAD, collective=lead, text=lead)
            else:
                unit(task, TaskUnit.Role.LEAD, lead)
        for partner in partners:
            if isinstance(partner, str):
                unit(task, TaskUnit.Role.PARTNER, collective=partner, text=partner)
            else:
                unit(task, TaskUnit.Role.PARTNER, partner)
    if deadline is not None:
        ReportingDeadline.objects.create(
            plan=plan, who="Sở Khoa học và Công nghệ", to="UBND tỉnh", day=20, month=11
        )
        ReportingDeadline.objects.create(
            plan=plan,
            who="Các sở, ban, ngành, UBND các xã, phường, đặc khu",
            to="Sở Khoa học và Công nghệ",
            day=deadline[0],
            month=deadline[1],
            position=1,
        )
    return plan


def make_target(plan: Plan, **values: Any) -> Target:
    defaults: dict[str, Any] = {
        "text": "Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp",
        "value": Decimal("5"),
        "unit": "diễn đàn",
        "comparator": Target.Comparator.AT_LEAST,
        "period": "by 2030",
    }
    defaults.update(values)
    return Target.objects.create(plan=plan, **defaults)


def report_of(
    plan: Plan, organisation: Organisation, *, number: str | None = None
) -> ProgressReport:
    reports = ProgressReport.objects.filter(period__plan=plan, organisation=organisation)
    if number is not None:
        reports = reports.filter(assignment__task__number=number)
    return reports.get()


HANOI = dt.timezone(dt.timedelta(hours=7))


def hanoi(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    """A moment in Vietnamese time (the site's time zone)."""
    return dt.datetime(year, month, day, hour, tzinfo=HANOI)


class PlanImportDraftFactory(DjangoModelFactory[PlanImportDraft]):
    """A pending draft; `parsed` is what `create_import_draft` stores (empty here)."""

    class Meta:
        model = PlanImportDraft

    source_filename = "ke-hoach.txt"
    source_hash = factory.Sequence(lambda n: f"draft{n:04d}")


class ExplanationRequestFactory(DjangoModelFactory[ExplanationRequest]):
    class Meta:
        model = ExplanationRequest

    message = "Đề nghị giải trình lý do chậm gửi báo cáo năm 2026."
    due_date = dt.date(2026, 12, 15)


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    kind = Notification.Kind.REPORT
    title = "Báo cáo cần bổ sung"
    url = "/ke-hoach/nhiem-vu-cua-toi/"
