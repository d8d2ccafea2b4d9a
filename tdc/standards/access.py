"""The door of the standards app: which imports, subscriptions and enquiries a user reaches.

The catalogue, the notifications and the FAQ are public. 404 for "missing" and "not yours".
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Organisation, User
from tdc.accounts.permissions import restrict
from tdc.standards.models import CatalogueImport, Enquiry, Project, Subscription


def can_manage_standards(user: AnyUser | None) -> bool:
    return can(user, Capability.MANAGE_STANDARDS)


def catalogue_imports_for_user(user: AnyUser | None) -> QuerySet[CatalogueImport]:
    """The catalogue imports of the officer's reach (none for anyone else)."""
    if not can_manage_standards(user):
        return CatalogueImport.objects.none()
    return restrict(
        CatalogueImport.objects.all(),
        user,
        organisation_field="created_by__organisation",
        province_field="created_by__organisation__province",
    )


def get_catalogue_import_for_user(user: AnyUser | None, pk: int) -> CatalogueImport:
    if not can_manage_standards(user):
        raise Http404
    return get_object_or_404(catalogue_imports_for_user(user), pk=pk)


def subscribable_organisations(user: AnyUser | None) -> QuerySet[Organisation] | None:
    """For an officer, the businesses they may subscribe for; None: the user's own business."""
    if not can(user, Capability.SUBSCRIBE_TO_ALERTS):
        return Organisation.objects.none()
    businesses = Organisation.objects.filter(kind=Organisation.Kind.BUSINESS, is_active=True)
    if can(user, Capability.MANAGE_STANDARDS):
        return restrict(
            businesses, user, action="change", organisation_field="pk", province_field="province"
        )
    return None


def subscriptions_for_user(user: AnyUser | None) -> QuerySet[Subscription]:
    if not can(user, Capability.SUBSCRIBE_TO_ALERTS):
        return Subscription.objects.none()
    return restrict(Subscription.objects.select_related("organisation"), user, action="change")


def get_subscription_for_user(user: AnyUser | None, pk: int) -> Subscription:
    return get_object_or_404(subscriptions_for_user(user), pk=pk)


def alert_organisation_for(user: AnyUser | None) -> Organisation | None:
    """Whose alerts the user reads on the alerts page: a business user's own business."""
    if not can(user, Capability.SUBSCRIBE_TO_ALERTS) or not isinstance(user, User):
        return None
    organisation = user.organisation
    if organisation is None or organisation.kind != Organisation.Kind.BUSINESS:
        return None
    return organisation


def enquiries_for_user(user: AnyUser | None) -> QuerySet[Enquiry]:
    if can(user, Capability.ANSWER_TBT_ENQUIRIES):
        return restrict(Enquiry.objects.select_related("organisation"), user)
    if can(user, Capability.ASK_TBT_ENQUIRIES):
        return restrict(Enquiry.objects.select_related("organisation"), user)
    return Enquiry.objects.none()


def get_enquiry_for_user(user: AnyUser | None, pk: int) -> Enquiry:
    return get_object_or_404(enquiries_for_user(user), pk=pk)


def can_answer(user: AnyUser | None, enquiry: Enquiry) -> bool:
    return can(user, Capability.ANSWER_TBT_ENQUIRIES)


def projects_for_user(user: AnyUser | None) -> QuerySet[Project]:
    """Officers, leaders, the Ministry: the projects of their reach. Everyone else with an
    organisation in the province: the drafts open for comments there."""
    projects = Project.objects.select_related("organisation")
    if can(user, Capability.MANAGE_STANDARDS) or can(user, Capability.MONITOR_PLANS):
        return restrict(
            projects, user, organisation_field="organisation", province_field="province"
        )
    if not isinstance(user, User) or not user.is_active or user.organisation is None:
        return Project.objects.none()
    province_id = user.organisation.province_id
    if province_id is None:
        return Project.objects.none()
    return projects.filter(province_id=province_id, stage=Project.Stage.COMMENTS)


def drafts_open_for_comment(user: AnyUser | None) -> QuerySet[Project]:
    """The drafts an agency or business of the province may comment on now, for those who
    have no menu entry to the projects (the catalogue page lists them)."""
    if can(user, Capability.MANAGE_STANDARDS) or can(user, Capability.MONITOR_PLANS):
        return Project.objects.none()
    return projects_for_user(user).order_by("comments_open_until", "title")


def get_project_for_user(user: AnyUser | None, pk: int) -> Project:
    return get_object_or_404(projects_for_user(user), pk=pk)


def get_project_to_manage(user: AnyUser | None, pk: int) -> Project:
    if not can_manage_standards(user):
        raise Http404
    managed = restrict(
        Project.objects.all(),
        user,
        action="change",
        organisation_field="organisation",
        province_field="province",
    )
    return get_object_or_404(managed, pk=pk)


def is_commenter(user: AnyUser | None, project: Project) -> bool:
    """Who may comment on a project's draft: an agency or business of its province (when:
    during the comment stage, until its deadline — `services.projects.comment_on_project`)."""
    return (
        isinstance(user, User)
        and user.organisation is not None
        and user.organisation.province_id == project.province_id
    )


def can_comment(user: AnyUser | None, project: Project) -> bool:
    return is_commenter(user, project) and project.stage == Project.Stage.COMMENTS
