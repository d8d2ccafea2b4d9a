from __future__ import annotations

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from tdc.accounts import services
from tdc.accounts.access import get_organisation_for_user
from tdc.accounts.models import Organisation, User
from tdc.accounts.queries import organisations_visible_to, search_organisations
from tdc.core.inline_enums import inline_enum

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    aliases: list[str]
    kind: str
    province_id: int | None
    parent_id: int | None
    is_active: bool


class OrganisationPatchIn(Schema):
    """Only the fields sent are changed. Contact fields (email, phone, address) may be changed
    by the organisation's own users; the others only by a system administrator or a TĐC
    officer of the organisation's province."""

    name: str | None = None
    short_name: str | None = None
    aliases: list[str] | None = None
    kind: Annotated[Organisation.Kind, inline_enum(Organisation.Kind)] | None = None
    parent_id: int | None = None
    tax_code: str | None = None
    is_active: bool | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None


@router.get("/", response=list[OrganisationOut])
@paginate
def list_organisations(request: HttpRequest, q: str = "", kind: str = "") -> QuerySet[Organisation]:
    organisations = search_organisations(organisations_visible_to(request.user), q)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


@router.get("/{pk}", response=OrganisationOut)
def get_organisation(request: HttpRequest, pk: int) -> Organisation:
    return get_organisation_for_user(request.user, pk)


@router.patch("/{pk}", response=OrganisationOut)
def patch_organisation(request: HttpRequest, pk: int, payload: OrganisationPatchIn) -> Organisation:
    """The same service and the same rules as the page: a second DoST in a province is 422."""
    organisation = get_organisation_for_user(request.user, pk)
    values: dict[str, object] = payload.dict(exclude_unset=True)
    emptied = sorted(field for field, value in values.items() if value is None)
    if set(emptied) - {"parent_id"}:  # only the parent may be removed; the others are kept
        raise HttpError(
            422,
            _("Không thể để trống (null): %(fields)s.")
            % {"fields": ", ".join(f for f in emptied if f != "parent_id")},
        )
    if "parent_id" in values:
        parent_id = payload.parent_id
        parent = None
        if parent_id is not None:
            parent = (
                Organisation.objects.filter(pk=parent_id, province=organisation.province)
                .exclude(province__isnull=True)
                .first()
            )
            if parent is None:
                raise HttpError(422, _("Không tìm thấy cơ quan cấp trên trong tỉnh."))
        del values["parent_id"]
        values["parent"] = parent
    user = request.user
    if not isinstance(user, User):
        raise HttpError(401, _("Cần đăng nhập."))
    try:
        with transaction.atomic():
            fresh = Organisation.objects.select_for_update().get(pk=organisation.pk)
            services.update_organisation(fresh, by=user, **values)
    except PermissionDenied as error:
        raise HttpError(403, _("Bạn không có quyền thay đổi thông tin này.")) from error
    return fresh
