"""The door to plans, tasks and import drafts: 404 for 'missing' and 'not yours' alike."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from tdc.accounts.models import Role
from tdc.accounts.permissions import Reach, has_role, scope_for
from tdc.plans.document_queries import import_drafts_for, plans_visible_to, tasks_visible_to
from tdc.plans.models import Plan, PlanImportDraft, Task

IMPORT_ROLES = (Role.TDC_OFFICER, Role.SYSTEM_ADMIN)


def get_plan_for_user(user: Any, pk: int) -> Plan:
    return get_object_or_404(plans_visible_to(user), pk=pk)


def get_task_for_user(user: Any, pk: int) -> Task:
    return get_object_or_404(tasks_visible_to(user), pk=pk)


def get_import_draft_for_user(user: Any, pk: int) -> PlanImportDraft:
    """A pending draft of a province the user may change."""
    return get_object_or_404(import_drafts_for(user), pk=pk)


def can_import_plans(user: Any) -> bool:
    """TĐC officers import their province's plans; system administrators any province's."""
    if not has_role(user, *IMPORT_ROLES):
        return False
    return scope_for(user, action="change").reach >= Reach.PROVINCE
