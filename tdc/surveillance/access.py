"""The door of market surveillance, for pages, exports and the API alike.

Seeing is `VIEW_SURVEILLANCE` within the common reach (a business: its own establishment, its
samples, results and inspections; officers: their province). Changing is
`MANAGE_SURVEILLANCE` within the change reach; approving a warning or a plan is
`APPROVE_SURVEILLANCE` (and a different officer, checked by the services). "Missing" and "not
yours" both answer 404; "yours to see but not to change" answers 403.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Organisation, Province
from tdc.accounts.permissions import Reach, can_change, scope_for
from tdc.surveillance import queries
from tdc.surveillance.models import (
    ConsumerWarning,
    Establishment,
    Inspection,
    InspectionPlan,
    Product,
    RiskAssessment,
    Sample,
    SurveyProgramme,
)

M = TypeVar("M", bound=Model)


def can_manage(user: AnyUser) -> bool:
    return can(user, Capability.MANAGE_SURVEILLANCE)


def can_approve(user: AnyUser) -> bool:
    return can(user, Capability.APPROVE_SURVEILLANCE)


def can_see_province_records(user: AnyUser) -> bool:
    """Programmes, products, warnings, plans: DoST, leadership, the Ministry, administrators."""
    return can(user, Capability.VIEW_SURVEILLANCE) and scope_for(user).reach in (
        Reach.PROVINCE,
        Reach.NATIONAL,
    )


def managed_province(user: AnyUser) -> Province:
    """The province an officer records in; 403 for anyone who may not record."""
    organisation = getattr(user, "organisation", None)
    if not can_manage(user) or organisation is None or organisation.province is None:
        raise PermissionDenied(_("Bạn không có quyền ghi nhận dữ liệu giám sát thị trường."))
    province: Province = organisation.province
    return province


def _to_change(
    obj: M, user: AnyUser, *, capability: Capability = Capability.MANAGE_SURVEILLANCE
) -> M:
    if not can(user, capability) or not can_change(
        user, organisation_id=None, province_id=getattr(obj, "province_id", None)
    ):
        raise PermissionDenied(_("Bạn không được thay đổi hồ sơ này."))
    return obj


def get_establishment_for_user(user: AnyUser, pk: int) -> Establishment:
    return get_object_or_404(queries.establishments_visible_to(user), pk=pk)


def get_establishment_to_change(user: AnyUser, pk: int) -> Establishment:
    return _to_change(get_establishment_for_user(user, pk), user)


def get_product_for_user(user: AnyUser, pk: int) -> Product:
    return get_object_or_404(queries.products_visible_to(user), pk=pk)


def get_product_to_change(user: AnyUser, pk: int) -> Product:
    return _to_change(get_product_for_user(user, pk), user)


def get_testing_body_for_user(user: AnyUser, pk: int) -> Organisation:
    return get_object_or_404(queries.testing_bodies_visible_to(user), pk=pk)


def get_testing_body_to_change(user: AnyUser, pk: int) -> Organisation:
    return _to_change(get_testing_body_for_user(user, pk), user)


def get_programme_for_user(user: AnyUser, pk: int) -> SurveyProgramme:
    return get_object_or_404(queries.programmes_visible_to(user), pk=pk)


def get_programme_to_change(user: AnyUser, pk: int) -> SurveyProgramme:
    return _to_change(get_programme_for_user(user, pk), user)


def get_sample_for_user(user: AnyUser, pk: int) -> Sample:
    return get_object_or_404(queries.samples_visible_to(user), pk=pk)


def get_sample_to_change(user: AnyUser, pk: int) -> Sample:
    return _to_change(get_sample_for_user(user, pk), user)


def get_assessment_for_user(user: AnyUser, pk: int) -> RiskAssessment:
    return get_object_or_404(queries.assessments_visible_to(user), pk=pk)


def get_assessment_to_change(user: AnyUser, pk: int) -> RiskAssessment:
    return _to_change(get_assessment_for_user(user, pk), user)


def get_warning_for_user(user: AnyUser, pk: int) -> ConsumerWarning:
    return get_object_or_404(queries.warnings_visible_to(user), pk=pk)


def get_warning_to_change(user: AnyUser, pk: int) -> ConsumerWarning:
    return _to_change(get_warning_for_user(user, pk), user)


def get_warning_to_approve(user: AnyUser, pk: int) -> ConsumerWarning:
    return _to_change(
        get_warning_for_user(user, pk), user, capability=Capability.APPROVE_SURVEILLANCE
    )


def get_public_warning(reference: str) -> ConsumerWarning:
    """A published warning, for anyone; drafts and withdrawn ones do not exist publicly."""
    warning = queries.published_warnings().filter(reference=reference).first()
    if warning is None:
        raise Http404
    return warning


def get_plan_for_user(user: AnyUser, pk: int) -> InspectionPlan:
    return get_object_or_404(queries.plans_visible_to(user), pk=pk)


def get_plan_to_change(user: AnyUser, pk: int) -> InspectionPlan:
    return _to_change(get_plan_for_user(user, pk), user)


def get_plan_to_approve(user: AnyUser, pk: int) -> InspectionPlan:
    return _to_change(get_plan_for_user(user, pk), user, capability=Capability.APPROVE_SURVEILLANCE)


def get_inspection_for_user(user: AnyUser, pk: int) -> Inspection:
    return get_object_or_404(queries.inspections_visible_to(user), pk=pk)


def get_inspection_to_change(user: AnyUser, pk: int) -> Inspection:
    return _to_change(get_inspection_for_user(user, pk), user)


def establishments_to_pick(user: AnyUser) -> QuerySet[Establishment]:
    """Whom an officer may name as seller or inspected establishment (their province)."""
    province = managed_province(user)
    return queries.establishments_visible_to(user).filter(province=province)
