"""Testing bodies (tổ chức thử nghiệm, kiểm định, hiệu chuẩn) of the province: the
organisations whose laboratories test the samples and which are themselves inspected (the
seeds' "kiểm tra đặc thù"). Each is an organisation of kind testing body with the
establishment record that lets it be inspected and scored."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.accounts.services import create_organisation, update_organisation
from tdc.core.audit import record
from tdc.core.text import clean_text, fold
from tdc.surveillance.models import Establishment

KIND = Organisation.Kind.TESTING_BODY


def _line(value: str) -> str:
    return clean_text(value, keep_newlines=False).strip()


def _check_unique(
    *, province: Province, name: str, tax_code: str, exclude: int | None = None
) -> None:
    """No second testing body of the province with this tax code or this folded name."""
    key = fold(name)
    same = Organisation.objects.filter(province=province, kind=KIND)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if tax_code and same.filter(tax_code=tax_code).exists():
        raise ValidationError(
            {
                "tax_code": _("Mã số thuế %(code)s đã thuộc về một tổ chức khác.")
                % {"code": tax_code}
            }
        )
    clash = same.filter(Q(search_key=key) | Q(search_key__startswith=key + " |")).first()
    if clash is not None:
        raise ValidationError(
            {"name": _("Đã có tổ chức thử nghiệm “%(name)s”.") % {"name": clash.name}}
        )


def _commune_of(province: Province, commune: Commune | None) -> Commune | None:
    if commune is not None and commune.province_id != province.pk:
        raise ValidationError({"commune": _("Xã, phường không thuộc tỉnh.")})
    return commune


@transaction.atomic
def register_testing_body(
    *,
    province: Province,
    by: User,
    name: str,
    short_name: str = "",
    tax_code: str = "",
    address: str = "",
    commune: Commune | None = None,
    phone: str = "",
    email: str = "",
) -> Establishment:
    """A new testing body of the province and its establishment record."""
    name, tax_code = _line(name), tax_code.strip()
    if not name:
        raise ValidationError({"name": _("Nhập tên tổ chức thử nghiệm.")})
    _check_unique(province=province, name=name, tax_code=tax_code)
    organisation = create_organisation(
        name=name,
        kind=KIND,
        province=province,
        by=by,
        short_name=_line(short_name),
        commune=_commune_of(province, commune),
        tax_code=tax_code,
        address=_line(address),
        phone=phone.strip(),
        email=email.strip(),
    )
    establishment = Establishment(
        organisation=organisation,
        province=province,
        commune=organisation.commune,
        address=organisation.address,
    )
    establishment.full_clean()
    establishment.save()
    record(
        actor=by,
        action="surveillance.testing_body_registered",
        target=establishment,
        data={"organisation": organisation.pk},
        organisation_id=organisation.pk,
    )
    return establishment


@transaction.atomic
def update_testing_body(
    organisation: Organisation,
    *,
    by: User,
    name: str,
    short_name: str = "",
    tax_code: str = "",
    address: str = "",
    commune: Commune | None = None,
    phone: str = "",
    email: str = "",
) -> Organisation:
    """Change a testing body (the organisation's log keeps old and new values); its
    establishment record follows the address. A body without one gets it now."""
    if organisation.kind != KIND or organisation.province is None:
        raise ValidationError(_("Đây không phải là một tổ chức thử nghiệm của tỉnh."))
    province = organisation.province
    name, tax_code = _line(name), tax_code.strip()
    if not name:
        raise ValidationError({"name": _("Nhập tên tổ chức thử nghiệm.")})
    _check_unique(province=province, name=name, tax_code=tax_code, exclude=organisation.pk)
    update_organisation(
        organisation,
        by=by,
        name=name,
        short_name=_line(short_name),
        tax_code=tax_code,
        address=_line(address),
        commune=_commune_of(province, commune),
        phone=phone.strip(),
        email=email.strip(),
    )
    establishment, _created = Establishment.objects.get_or_create(
        organisation=organisation, defaults={"province": province}
    )
    establishment.address = organisation.address
    establishment.commune = organisation.commune
    establishment.full_clean()
    establishment.save(update_fields=["address", "commune", "updated_at"])
    return organisation
