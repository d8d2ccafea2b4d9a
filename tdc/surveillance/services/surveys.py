"""Survey programmes, samples and test results; a sample's verdict follows its results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Province, User
from tdc.core.audit import record
from tdc.core.text import clean_text
from tdc.surveillance.models import (
    Criterion,
    Establishment,
    Product,
    ProductCategory,
    Sample,
    SurveyProgramme,
    TestResult,
)
from tdc.surveillance.rules.measurements import conforms, read_measurement, unit_factor
from tdc.surveillance.services.catalogue import removed_if_failed, replace_photo
from tdc.surveillance.uploads import clean_photo


@transaction.atomic
def create_programme(
    *,
    province: Province,
    year: int,
    title: str,
    categories: Iterable[ProductCategory],
    by: User,
    planned_samples: int = 20,
    area: str = "",
    executor: str = "",
    selection: dict[str, Any] | None = None,
) -> SurveyProgramme:
    chosen = list(categories)
    if not chosen:
        raise ValidationError({"categories": _("Chọn ít nhất một nhóm sản phẩm.")})
    programme = SurveyProgramme(
        province=province,
        year=year,
        title=clean_text(title, keep_newlines=False).strip(),
        planned_samples=planned_samples,
        area=clean_text(area, keep_newlines=False).strip(),
        executor=clean_text(executor, keep_newlines=False).strip(),
        selection=selection or {},
        created_by=by,
    )
    programme.full_clean()
    programme.save()
    programme.categories.set(chosen)
    record(
        actor=by,
        action="surveillance.programme_created",
        target=programme,
        data={"year": year, "categories": [c.code for c in chosen], "samples": planned_samples},
    )
    return programme


@transaction.atomic
def record_sample(
    programme: SurveyProgramme,
    *,
    code: str,
    product: Product,
    establishment: Establishment,
    sampled_on: dt.date,
    by: User,
    place: str = "",
    price: Decimal | None = None,
    lot: str = "",
    lab: str = "",
    photo: Any = None,
) -> Sample:
    """A sample of `product` bought at `establishment`; its code is unique in the programme.
    A photo is checked and re-encoded without its metadata (`uploads.clean_photo`)."""
    cleaned_photo = clean_photo(photo) if photo else None
    code = clean_text(code, keep_newlines=False).strip()
    if product.province_id != programme.province_id or (
        establishment.province_id != programme.province_id
    ):
        raise ValidationError(_("Sản phẩm và cơ sở phải thuộc tỉnh của chương trình."))
    if Sample.objects.filter(programme=programme, code=code).exists():
        raise ValidationError(
            {"code": _("Mã mẫu %(code)s đã có trong chương trình.") % {"code": code}}
        )
    sample = Sample(
        programme=programme,
        province_id=programme.province_id,
        code=code,
        product=product,
        establishment=establishment,
        sampled_on=sampled_on,
        place=clean_text(place, keep_newlines=False).strip(),
        price=price,
        lot=clean_text(lot, keep_newlines=False).strip(),
        lab=clean_text(lab, keep_newlines=False).strip(),
    )
    sample.full_clean()
    if cleaned_photo is not None:
        sample.photo.save(cleaned_photo.name or "photo.jpg", cleaned_photo, save=False)
    with removed_if_failed(sample.photo.name):
        sample.save()
    establishment.categories.add(product.category)
    record(
        actor=by,
        action="surveillance.sample_recorded",
        target=sample,
        data={"programme": programme.pk, "product": product.pk, "establishment": establishment.pk},
        organisation_id=establishment.organisation_id,
    )
    return sample


def refresh_verdict(sample: Sample) -> str:
    """Non-conforming when any result fails; conforming when all pass; pending without results."""
    verdicts = list(sample.results.values_list("conforming", flat=True))
    if not verdicts:
        verdict = Sample.Verdict.PENDING
    elif all(verdicts):
        verdict = Sample.Verdict.CONFORMING
    else:
        verdict = Sample.Verdict.NON_CONFORMING
    if verdict != sample.verdict:
        sample.verdict = verdict
        sample.save(update_fields=["verdict", "updated_at"])
    return verdict


def build_result(
    sample: Sample,
    *,
    criterion: Criterion,
    measured: str,
    unit: str,
    by: User,
    uncertainty: str = "",
    method: str = "",
) -> TestResult:
    """The result, read and judged but not saved (the import checks whole files first)."""
    if criterion.category_id != sample.product.category_id:
        raise ValidationError(
            _("Chỉ tiêu “%(name)s” không áp dụng cho nhóm sản phẩm của mẫu.")
            % {"name": criterion.name}
        )
    reading = read_measurement(clean_text(measured, keep_newlines=False))
    factor = unit_factor(unit.strip() or criterion.unit, criterion.unit)
    verdict = conforms(
        reading, factor=factor, limit_min=criterion.limit_min, limit_max=criterion.limit_max
    )
    return TestResult(
        sample=sample,
        criterion=criterion,
        measured_text=reading.text[:40],
        measured_value=reading.value,
        below_limit_of=reading.below,
        not_detected=reading.not_detected,
        unit=(unit.strip() or criterion.unit)[:30],
        uncertainty=clean_text(uncertainty, keep_newlines=False).strip()[:40],
        method=clean_text(method or criterion.method, keep_newlines=False).strip()[:200],
        conforming=verdict,
        recorded_by=by,
    )


@transaction.atomic
def record_result(
    sample: Sample,
    *,
    criterion: Criterion,
    measured: str,
    unit: str,
    by: User,
    uncertainty: str = "",
    method: str = "",
) -> TestResult:
    """Record one criterion's result; the verdict is computed from the value and the limits."""
    if TestResult.objects.filter(sample=sample, criterion=criterion).exists():
        raise ValidationError(
            _("Mẫu %(code)s đã có kết quả chỉ tiêu “%(name)s”.")
            % {"code": sample.code, "name": criterion.name}
        )
    result = build_result(
        sample,
        criterion=criterion,
        measured=measured,
        unit=unit,
        by=by,
        uncertainty=uncertainty,
        method=method,
    )
    result.full_clean()
    try:
        with transaction.atomic():
            result.save()
    except IntegrityError as error:  # a concurrent duplicate
        raise ValidationError(_("Kết quả này vừa được ghi.")) from error
    refresh_verdict(sample)
    record(
        actor=by,
        action="surveillance.result_recorded",
        target=sample,
        data={
            "criterion": criterion.pk,
            "measured": result.measured_text,
            "unit": result.unit,
            "conforming": result.conforming,
        },
        organisation_id=sample.establishment.organisation_id,
    )
    return result


@transaction.atomic
def set_sample_photo(sample: Sample, *, upload: Any, by: User) -> Sample:
    replace_photo(sample, upload=upload, by=by)
    return sample


@transaction.atomic
def attach_lab_report(sample: Sample, *, upload: Any, by: User) -> Sample:
    from tdc.surveillance.uploads import check_lab_report

    check_lab_report(upload)
    sample.lab_report = upload
    sample.save(update_fields=["lab_report", "updated_at"])
    record(
        actor=by,
        action="surveillance.lab_report_attached",
        target=sample,
        data={"name": sample.lab_report.name},
    )
    return sample
