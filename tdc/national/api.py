"""The national view through the API (/api/v1/national/…): what the Ministry's pages show —
provinces side by side, one province, the plans' coverage of the Directive's six task groups
and topics, and a task's counterparts in other provinces. Read-only: the national view writes
nothing. The same capability as the pages (VIEW_NATIONAL, 403 otherwise); the plans come
through the plans app's door, as on the pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from tdc.accounts.capabilities import Capability, can
from tdc.national import access, queries
from tdc.national.comparison import TaskText, group_label

router = Router(tags=["national"])


class NationalProvinceOut(Schema):
    province_id: int
    name: str
    plans: int
    tasks: int
    overdue_tasks: int
    expected: int
    arrived_percent: Decimal | None
    on_time_percent: Decimal | None
    accepted: int
    targets: dict[str, int]
    instruments: int
    instruments_overdue: int
    complaints: int
    complaints_handled_share: Decimal | None


class NationalPlanOut(Schema):
    plan_id: int
    province_id: int
    province: str
    year: int
    title: str


class NationalGroupRowOut(Schema):
    key: str
    label: str
    counts: list[int]  # one per province, in the order of `provinces`


class NationalTopicRowOut(Schema):
    key: str
    label: str
    task_ids: list[list[int]]  # per province: the tasks that name the topic (empty: none)


class NationalCoverageOut(Schema):
    provinces: list[NationalPlanOut]
    groups: list[NationalGroupRowOut]
    topics: list[NationalTopicRowOut]


class NationalTaskOut(Schema):
    id: int
    plan_id: int
    province_id: int
    province: str
    number: str
    content: str
    group: str
    group_label: str


class NationalSimilarOut(Schema):
    task: NationalTaskOut
    score: int


class NationalTaskDetailOut(NationalTaskOut):
    similar: list[NationalSimilarOut]


class NationalYearQuery(Schema):
    year: int | None = Field(default=None, ge=2000, le=2100)


class NationalCoverageQuery(Schema):
    province: list[int] = Field(default_factory=list, description="Provinces to compare (all).")


def _require(request: HttpRequest) -> None:
    if not can(request.user, Capability.VIEW_NATIONAL):
        raise HttpError(403, _("Chỉ Bộ Khoa học và Công nghệ xem được số liệu toàn quốc."))


def _rows(request: HttpRequest, year: int | None) -> list[queries.ProvinceFigures]:
    _require(request)
    today = timezone.localdate()
    return queries.side_by_side(request.user, year=year or today.year, today=today)


def _task(t: TaskText) -> dict[str, Any]:
    return {
        "id": t.id,
        "plan_id": t.plan_id,
        "province_id": t.province_id,
        "province": t.province,
        "number": t.number,
        "content": t.content,
        "group": t.group,
        "group_label": group_label(t.group),
    }


@router.get("/provinces", response=list[NationalProvinceOut])
def list_national_provinces(
    request: HttpRequest, filters: Query[NationalYearQuery]
) -> list[queries.ProvinceFigures]:
    """Every province side by side for a year (this year by default)."""
    return _rows(request, filters.year)


@router.get("/provinces/{int:province_id}", response=NationalProvinceOut)
def get_national_province(
    request: HttpRequest, province_id: int, filters: Query[NationalYearQuery]
) -> queries.ProvinceFigures:
    return access.province_in(_rows(request, filters.year), province_id)


@router.get("/plans/coverage", response=NationalCoverageOut)
def national_plan_coverage(
    request: HttpRequest, filters: Query[NationalCoverageQuery]
) -> dict[str, Any]:
    """Each province's latest plan: tasks per Directive group, and the topics it names."""
    _require(request)
    chosen = access.chosen_plans(queries.latest_plans(request.user), filters.province)
    coverage = queries.coverage(chosen, queries.task_texts(chosen))
    return {
        "provinces": [
            {
                "plan_id": p.plan_id,
                "province_id": p.province_id,
                "province": p.province,
                "year": p.year,
                "title": p.title,
            }
            for p in coverage.provinces
        ],
        "groups": [
            {"key": key, "label": str(label), "counts": counts}
            for key, label, counts in coverage.rows
        ],
        "topics": [
            {"key": key, "label": str(label), "task_ids": [[t.id for t in ts] for ts in per]}
            for key, label, per in coverage.topics
        ],
    }


@router.get("/tasks/{int:task_id}", response=NationalTaskDetailOut)
def national_similar_tasks(request: HttpRequest, task_id: int) -> dict[str, Any]:
    """A task of a province's plan and the closest tasks of the other provinces."""
    _require(request)
    texts = queries.task_texts(queries.latest_plans(request.user))
    try:
        task, similar = queries.similar_to(texts, task_id)
    except KeyError:
        raise Http404 from None
    return {**_task(task), "similar": [{"task": _task(t), "score": s} for t, s in similar]}
