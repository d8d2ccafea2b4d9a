"""The door to the capacity registers, for pages, the API, exports and jobs alike.

Reading needs `VIEW_CAPACITY`; the records then reached are the common scope
(`tdc.accounts.permissions`): DoST and the leadership see their province, the Ministry every
province, an agency or a commune what it organised or holds. Changing needs `MANAGE_CAPACITY`
(DoST, the whole province) or `RECORD_OWN_CAPACITY` (an agency, its own records only).
"Missing" and "not yours" both answer 404; "yours to see but not to change" answers 403.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Organisation, User
from tdc.accounts.permissions import restrict
from tdc.accounts.queries import organisations_of_province
from tdc.capacity.models import (
    AgencyQuality,
    AttendanceImport,
    Award,
    Course,
    Equipment,
    Event,
    EventReportLink,
    MeasurementStandard,
    Official,
    Participant,
    Programme,
    SupportApplication,
)

M = TypeVar("M", bound=Model)


def can_read(user: AnyUser | None) -> bool:
    return can(user, Capability.VIEW_CAPACITY)


def can_manage(user: AnyUser | None) -> bool:
    """DoST keeps every register of its province."""
    return can(user, Capability.MANAGE_CAPACITY)


def can_record(user: AnyUser | None) -> bool:
    """May record courses, events and an ISO status: DoST for the province, an agency for
    itself."""
    return can_manage(user) or can(user, Capability.RECORD_OWN_CAPACITY)


def _visible(
    queryset: QuerySet[M], user: AnyUser | None, organisation_field: str, province_field: str
) -> QuerySet[M]:
    if not can_read(user):
        return queryset.none()
    return restrict(
        queryset, user, organisation_field=organisation_field, province_field=province_field
    )


def _changeable(
    queryset: QuerySet[M],
    user: AnyUser | None,
    organisation_field: str,
    province_field: str,
    *,
    own_allowed: bool,
) -> QuerySet[M]:
    if not (can_manage(user) or (own_allowed and can_record(user))):
        return queryset.none()
    return restrict(
        queryset,
        user,
        action="change",
        organisation_field=organisation_field,
        province_field=province_field,
    )


def courses_visible_to(user: AnyUser | None) -> QuerySet[Course]:
    return _visible(Course.objects.select_related("organiser"), user, "organiser", "province")


def events_visible_to(user: AnyUser | None) -> QuerySet[Event]:
    return _visible(Event.objects.select_related("organiser"), user, "organiser", "province")


def equipment_visible_to(user: AnyUser | None) -> QuerySet[Equipment]:
    return _visible(Equipment.objects.select_related("holder"), user, "holder", "province")


def standards_visible_to(user: AnyUser | None) -> QuerySet[MeasurementStandard]:
    return _visible(
        MeasurementStandard.objects.select_related("holder", "traced_to"),
        user,
        "holder",
        "province",
    )


def awards_visible_to(user: AnyUser | None) -> QuerySet[Award]:
    return _visible(
        Award.objects.select_related("recipient_organisation", "complaint"),
        user,
        "recipient_organisation",
        "province",
    )


def programmes_visible_to(user: AnyUser | None) -> QuerySet[Programme]:
    return _visible(Programme.objects.select_related("owner"), user, "owner", "province")


def officials_visible_to(user: AnyUser | None) -> QuerySet[Official]:
    return _visible(
        Official.objects.select_related("organisation"), user, "organisation", "province"
    )


def qualities_visible_to(user: AnyUser | None) -> QuerySet[AgencyQuality]:
    return _visible(
        AgencyQuality.objects.select_related("organisation"),
        user,
        "organisation",
        "organisation__province",
    )


def _get_to_change(
    visible: QuerySet[M],
    user: AnyUser | None,
    pk: int,
    organisation_field: str,
    province_field: str,
    *,
    own_allowed: bool,
) -> M:
    obj = get_object_or_404(visible, pk=pk)
    changeable = _changeable(
        visible.model._default_manager.all(),
        user,
        organisation_field,
        province_field,
        own_allowed=own_allowed,
    )
    if not changeable.filter(pk=pk).exists():
        raise PermissionDenied(_("Bạn không được sửa mục này."))
    return obj


def get_course_for_user(user: AnyUser | None, pk: int) -> Course:
    return get_object_or_404(courses_visible_to(user), pk=pk)


def get_course_to_change(user: AnyUser | None, pk: int) -> Course:
    return _get_to_change(
        courses_visible_to(user), user, pk, "organiser", "province", own_allowed=True
    )


def can_change_course(user: AnyUser | None, course: Course) -> bool:
    return (
        _changeable(Course.objects.all(), user, "organiser", "province", own_allowed=True)
        .filter(pk=course.pk)
        .exists()
    )


def get_import_for_user(user: AnyUser | None, pk: int) -> AttendanceImport:
    return get_object_or_404(
        AttendanceImport.objects.filter(course__in=courses_visible_to(user)), pk=pk
    )


def get_participant_to_change(user: AnyUser | None, pk: int) -> Participant:
    participant = get_object_or_404(
        Participant.objects.filter(course__in=courses_visible_to(user)), pk=pk
    )
    get_course_to_change(user, participant.course_id)
    return participant


def get_event_for_user(user: AnyUser | None, pk: int) -> Event:
    return get_object_or_404(events_visible_to(user), pk=pk)


def get_event_to_change(user: AnyUser | None, pk: int) -> Event:
    return _get_to_change(
        events_visible_to(user), user, pk, "organiser", "province", own_allowed=True
    )


def can_change_event(user: AnyUser | None, event: Event) -> bool:
    return (
        _changeable(Event.objects.all(), user, "organiser", "province", own_allowed=True)
        .filter(pk=event.pk)
        .exists()
    )


def get_standard_for_user(user: AnyUser | None, pk: int) -> MeasurementStandard:
    return get_object_or_404(standards_visible_to(user), pk=pk)


def get_programme_for_user(user: AnyUser | None, pk: int) -> Programme:
    return get_object_or_404(programmes_visible_to(user), pk=pk)


def get_programme_to_change(user: AnyUser | None, pk: int) -> Programme:
    return _get_to_change(
        programmes_visible_to(user), user, pk, "owner", "province", own_allowed=False
    )


def get_application_to_decide(user: AnyUser | None, pk: int) -> SupportApplication:
    application = get_object_or_404(
        SupportApplication.objects.filter(programme__in=programmes_visible_to(user)), pk=pk
    )
    get_programme_to_change(user, application.programme_id)
    return application


def organisations_for(user: AnyUser | None) -> QuerySet[Organisation]:
    """Whom the user may name as organiser or holder: DoST any organisation of its province,
    an agency only itself."""
    if not isinstance(user, User) or user.organisation is None:
        return Organisation.objects.none()
    if can_manage(user) and user.province_id is not None:
        return organisations_of_province(user.province_id)
    if can_record(user):
        return Organisation.objects.filter(pk=user.organisation.pk)
    return Organisation.objects.none()


def agencies_to_record_quality(user: AnyUser | None) -> QuerySet[Organisation]:
    """The state agencies whose ISO 9001 status the user may record."""
    from tdc.capacity.queries import STATE_AGENCY_KINDS

    return organisations_for(user).filter(kind__in=STATE_AGENCY_KINDS)


def agency_to_record_quality(user: AnyUser | None, organisation_pk: int) -> Organisation:
    """The agency whose ISO 9001 record `user` may write: one of `agencies_to_record_quality`
    (404 otherwise); 403 when its current record is out of the user's sight."""
    organisation = get_object_or_404(agencies_to_record_quality(user), pk=organisation_pk)
    current = AgencyQuality.objects.filter(organisation=organisation).first()
    if current is not None and not qualities_visible_to(user).filter(pk=current.pk).exists():
        raise PermissionDenied(_("Bạn không được sửa mục này."))
    return organisation


def get_quality_for_user(user: AnyUser | None, organisation_pk: int) -> AgencyQuality:
    return get_object_or_404(qualities_visible_to(user), organisation_id=organisation_pk)


def get_award_for_user(user: AnyUser | None, pk: int) -> Award:
    return get_object_or_404(awards_visible_to(user), pk=pk)


def get_equipment_for_user(user: AnyUser | None, pk: int) -> Equipment:
    return get_object_or_404(equipment_visible_to(user), pk=pk)


def get_report_link_to_change(user: AnyUser | None, pk: int) -> EventReportLink:
    """A report link of an event the user may see (404 otherwise) and change (403)."""
    link = get_object_or_404(
        EventReportLink.objects.filter(event__in=events_visible_to(user)), pk=pk
    )
    get_event_to_change(user, link.event_id)
    return link


def require_manager(user: AnyUser | None) -> None:
    if not can_manage(user):
        raise PermissionDenied
