"""Reads for who is who."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

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
