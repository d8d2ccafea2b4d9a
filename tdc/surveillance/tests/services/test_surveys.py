import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.surveillance import services
from tdc.surveillance.models import Sample, TestResult
from tdc.surveillance.tests.factories import (
    EstablishmentFactory,
    ProductFactory,
    ProgrammeFactory,
    SampleFactory,
    category,
    criterion,
)

LEAD = "Hàm lượng chì (Pb) trong lớp phủ"


def test_create_programme_needs_a_category(officer, province):
    with pytest.raises(ValidationError):
        services.create_programme(
            province=province, year=2026, title="KS", categories=[], by=officer
        )


def test_record_sample_refuses_a_duplicate_code(officer, province):
    programme = ProgrammeFactory(province=province)
    product = ProductFactory(province=province)
    seller = EstablishmentFactory(organisation__province=province)
    services.record_sample(
        programme,
        code="M-1",
        product=product,
        establishment=seller,
        sampled_on=dt.date(2026, 5, 1),
        by=officer,
    )

    with pytest.raises(ValidationError) as error:
        services.record_sample(
            programme,
            code="M-1",
            product=product,
            establishment=seller,
            sampled_on=dt.date(2026, 5, 2),
            by=officer,
        )

    assert error.value.message_dict == {"code": ["Mã mẫu M-1 đã có trong chương trình."]}
    assert list(seller.categories.all()) == [category()]


def test_record_sample_keeps_to_the_programme_province(officer, province, other_province):
    programme = ProgrammeFactory(province=province)
    with pytest.raises(ValidationError):
        services.record_sample(
            programme,
            code="M-1",
            product=ProductFactory(province=other_province),
            establishment=EstablishmentFactory(organisation__province=province),
            sampled_on=dt.date(2026, 5, 1),
            by=officer,
        )


@pytest.mark.parametrize(
    ("measured", "unit", "conforming", "verdict"),
    [
        ("1.250", "mg/kg", False, Sample.Verdict.NON_CONFORMING),
        ("KPH", "mg/kg", True, Sample.Verdict.CONFORMING),
        ("<5", "mg/kg", True, Sample.Verdict.CONFORMING),
        ("0,1", "g/kg", False, Sample.Verdict.NON_CONFORMING),
        ("85", "ppm", True, Sample.Verdict.CONFORMING),
    ],
)
def test_the_verdict_is_computed_from_the_value_and_the_limit(
    officer, measured, unit, conforming, verdict
):
    sample = SampleFactory()

    result = services.record_result(
        sample, criterion=criterion(LEAD), measured=measured, unit=unit, by=officer
    )

    sample.refresh_from_db()
    assert (result.conforming, sample.verdict) == (conforming, verdict)


def test_a_unit_of_another_dimension_is_refused_and_nothing_is_stored(officer):
    sample = SampleFactory()

    with pytest.raises(ValidationError) as error:
        services.record_result(
            sample, criterion=criterion(LEAD), measured="0,2", unit="%", by=officer
        )

    assert error.value.messages == ["Đơn vị % không khớp với đơn vị của chỉ tiêu (mg/kg)."]
    assert not TestResult.objects.exists()


def test_a_criterion_of_another_category_is_refused(officer):
    sample = SampleFactory()
    with pytest.raises(ValidationError):
        services.record_result(
            sample,
            criterion=criterion("Trị số octan (RON)", "xang-dau"),
            measured="95",
            unit="RON",
            by=officer,
        )


def test_one_failing_criterion_makes_the_sample_non_conforming(officer):
    sample = SampleFactory()
    services.record_result(
        sample, criterion=criterion(LEAD), measured="10", unit="mg/kg", by=officer
    )
    services.record_result(
        sample,
        criterion=criterion("Hàm lượng cadimi (Cd)"),
        measured="80",
        unit="mg/kg",
        by=officer,
    )

    sample.refresh_from_db()
    assert sample.verdict == Sample.Verdict.NON_CONFORMING


def test_a_criterion_is_recorded_once_per_sample(officer):
    sample = SampleFactory()
    services.record_result(
        sample, criterion=criterion(LEAD), measured="10", unit="mg/kg", by=officer
    )
    with pytest.raises(ValidationError):
        services.record_result(
            sample, criterion=criterion(LEAD), measured="11", unit="mg/kg", by=officer
        )


def test_attach_lab_report_accepts_a_pdf_and_refuses_other_files(officer):
    sample = SampleFactory()
    services.attach_lab_report(
        sample, upload=SimpleUploadedFile("phieu.pdf", b"%PDF-1.4 ..."), by=officer
    )
    assert sample.lab_report.name.endswith(".pdf")

    with pytest.raises(ValidationError) as error:
        services.attach_lab_report(sample, upload=SimpleUploadedFile("a.exe", b"MZ"), by=officer)
    assert error.value.messages == ["Phiếu kết quả thử nghiệm phải là tệp PDF hoặc DOCX."]
    with pytest.raises(ValidationError):
        services.attach_lab_report(sample, upload=SimpleUploadedFile("a.pdf", b"MZ..."), by=officer)
