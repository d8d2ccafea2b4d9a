"""What the capacity pages share: the province and period the figures are for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils import timezone

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.core.metrics import MetricScope

# The plans implement Directive 38-CT/TW (30/7/2024) from 2025 on.
PLANS_START = dt.date(2025, 1, 1)
PAGE_SIZE = 25


def scope_for_user(user: AnyUser, *, start: dt.date = PLANS_START) -> MetricScope:
    """The user's province (the whole country for those who see every province)."""
    province_id = None if can(user, Capability.SEE_EVERY_PROVINCE) else user_province(user)
    return MetricScope(province_id=province_id, start=start, end=timezone.localdate())


def user_province(user: AnyUser) -> int | None:
    organisation = getattr(user, "organisation", None)
    return organisation.province_id if organisation is not None else None


def page_of(request: HttpRequest, items: QuerySet[Any]) -> Page[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def attach(form: BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: field errors on their fields, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
