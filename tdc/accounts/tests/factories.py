from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from tdc.accounts.models import Organisation, Province, RoleGrant, User

TEST_PASSWORD = "mat-khau-thu-nghiem-2026"


class ProvinceFactory(DjangoModelFactory[Province]):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = 56
    name = "Khánh Hòa"
    codename = factory.LazyAttribute(lambda p: f"p{p.code}")
    division_type = "tỉnh"


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    kind = Organisation.Kind.DEPARTMENT
    province = factory.SubFactory(ProvinceFactory)

    @factory.post_generation
    def _search_key(obj: Organisation, create: bool, extracted: Any, **kwargs: Any) -> None:
        obj.refresh_search_key()
        if create:
            obj.save(update_fields=["search_key"])


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Người Dùng {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def roles(obj: User, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create and extracted:
            RoleGrant.objects.bulk_create([RoleGrant(user=obj, role=r) for r in extracted])
            obj.forget_roles()
