"""Who plays the execution demo: the Khánh Hòa demo users and organisations."""

from __future__ import annotations

from tdc.accounts.models import Organisation, User

KHANH_HOA = 56


def users() -> dict[str, User]:
    names = [
        "canbo.tdc",
        "kiemtra.tdc",
        "baocao.taichinh",
        "duyet.taichinh",
        "baocao.congthuong",
        "canbo.nhatrang",
    ]
    return {user.username: user for user in User.objects.filter(username__in=names)}


def organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(province_id=KHANH_HOA, name=name).first()
