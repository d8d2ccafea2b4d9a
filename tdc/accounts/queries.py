"""Reads for who is who."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.http import AnyUser
from tdc.accounts.models import ApiToken, Organisation, Province, Role, User
from tdc.accounts.permissions import restrict
from tdc.core.text import fold


def organisations_visible_to(user: AnyUser | None) -> QuerySet[Organisation]:
    """Organisations the user may see: the same rule as every other record."""
    return restrict(
        Organisation.objects.select_related("province", "parent"),
        user,
        organisation_field="pk",
        province_field="province",
    )


def search_organisations(queryset: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    """Accent-insensitive search on name, short name and aliases ("so khcn" finds "Sở KHCN")."""
    key = fold(text)
    if not key:
        return queryset
    for word in key.split():
        queryset = queryset.filter(search_key__contains=word)
    return queryset


def organisations_of_province(province: Province | int) -> QuerySet[Organisation]:
    return Organisation.objects.filter(province=province, is_active=True)


def dost_of_province(province_id: int) -> Organisation | None:
    """The DoST of this province: it owns the province's plans and receives the complaints no
    routing rule claims. At most one organisation per province has this kind (a database
    constraint), so this is a setting of the province, not a guess among namesakes."""
    return Organisation.objects.filter(province_id=province_id, kind=Organisation.Kind.DOST).first()


def users_with_role(role: str, *, organisation_id: int | None = None) -> QuerySet[User]:
    users = User.objects.filter(role_grants__role=Role(role), is_active=True)
    if organisation_id is not None:
        users = users.filter(organisation_id=organisation_id)
    return users.distinct()


def user_for_api_key(key: str) -> User | None:
    """The active user behind an API key, or None; marks the token used."""
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def active_members_by_role(organisation_ids: set[int]) -> dict[int, dict[str, list[User]]]:
    """{organisation id: {role: [active users]}} in one query."""
    people: dict[int, dict[str, list[User]]] = defaultdict(lambda: defaultdict(list))
    users = (
        User.objects.filter(organisation_id__in=organisation_ids, is_active=True)
        .prefetch_related("role_grants")
        .select_related("organisation")
    )
    for user in users:
        assert user.organisation_id is not None  # noqa: S101  (filtered above)
        for grant in user.role_grants.all():
            people[user.organisation_id][grant.role].append(user)
    return people


@dataclass(frozen=True)
class SiteOwner:
    """Whose site this is, for the header and footer of the public pages."""

    department: str
    province: str
    address: str
    phone: str
    email: str
    province_id: int | None


def site_owner() -> SiteOwner:
    """The Department of Science and Technology that runs this installation: the province set
    by `SITE_PROVINCE` (a province code), else the only DoST, else the DoST with the most
    active users. Without any, a neutral name and no contacts."""
    dosts = Organisation.objects.filter(kind=Organisation.Kind.DOST, province__isnull=False)
    configured = getattr(settings, "SITE_PROVINCE", None)
    if configured:
        dosts = dosts.filter(province_id=int(configured))
    dost = (
        dosts.select_related("province")
        .annotate(members=Count("users", filter=Q(users__is_active=True)))
        .order_by("-members", "province_id")
        .first()
    )
    if dost is None or dost.province is None:
        return SiteOwner(str(_("Sở Khoa học và Công nghệ")), "", "", "", "", None)
    province = dost.province
    department = dost.name
    if province.short_name not in department:
        department = f"{department} {province.division_type} {province.short_name}"
    return SiteOwner(
        department=department,
        province=province.name,
        address=dost.address,
        phone=dost.phone,
        email=dost.email,
        province_id=dost.province_id,
    )


SITE_OWNER_TTL = 60.0
_site_owner_cache: dict[str, Any] = {"at": -SITE_OWNER_TTL, "owner": None}


def cached_site_owner() -> SiteOwner:
    """`site_owner()` kept for a minute per process, for the busiest public page (the stamp
    look-up), which otherwise reads two rows only."""
    now = time.monotonic()
    if _site_owner_cache["owner"] is None or now - _site_owner_cache["at"] > SITE_OWNER_TTL:
        _site_owner_cache["owner"] = site_owner()
        _site_owner_cache["at"] = now
    owner: SiteOwner = _site_owner_cache["owner"]
    return owner


def forget_site_owner() -> None:
    """The Department's details changed: read them again on the next page."""
    _site_owner_cache["owner"] = None
