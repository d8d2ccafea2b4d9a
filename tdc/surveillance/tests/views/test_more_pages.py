"""The remaining pages: records created and changed through their forms."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.surveillance.models import (
    ConsumerWarning,
    Establishment,
    Inspection,
    PlanItem,
    RiskAssessment,
    SurveyProgramme,
)
from tdc.surveillance.tests.factories import EstablishmentFactory, category


def test_an_establishment_created_from_its_form_shows_its_namesakes(client, officer, world):
    client.force_login(officer)
    url = reverse("surveillance:establishment_create")

    created = client.post(url, {"name": "Sạp Cô Lan", "volume": "small", "channels": ["stall"]})
    again = client.post(url, {"name": "sap co lan", "volume": "small"})

    assert created.status_code == 302
    assert "Sạp Cô Lan" in again.content.decode()
    assert [o.name for o in again.context["duplicates"]] == ["Sạp Cô Lan"]


def test_an_establishment_is_edited_with_its_categories(client, officer, world):
    client.force_login(officer)
    shop = world["establishment"]

    client.post(
        reverse("surveillance:establishment_edit", args=[shop.pk]),
        {
            "channels": ["online"],
            "volume": "large",
            "categories": [category("xang-dau").pk],
            "address": "12 Trần Phú",
            "international_warning_matches": "1",
        },
    )

    shop.refresh_from_db()
    assert (shop.channels, shop.volume, shop.address) == (["online"], "large", "12 Trần Phú")


def test_lists_search_accent_insensitively(client, officer, world, province):
    EstablishmentFactory(organisation__province=province, organisation__name="Tiệm vàng Kim Phát")
    client.force_login(officer)

    shops = client.get(reverse("surveillance:establishment_list"), {"q": "tiem vang"})
    products = client.get(reverse("surveillance:product_list"), {"q": "xe day"})

    assert [e.organisation.name for e in shops.context["page"]] == ["Tiệm vàng Kim Phát"]
    assert [p.name for p in products.context["page"]] == ["Xe đẩy đồ chơi sơn đỏ"]
    detail = client.get(world["product"].get_absolute_url()).content.decode()
    assert "KS-001" in detail


def test_a_programme_from_its_form(client, officer):
    client.force_login(officer)
    client.post(
        reverse("surveillance:programme_create"),
        {
            "year": "2027",
            "title": "Khảo sát xăng dầu",
            "categories": [category("xang-dau").pk],
            "planned_samples": "20",
        },
    )
    assert SurveyProgramme.objects.get().title == "Khảo sát xăng dầu"
    assert client.get(reverse("surveillance:programme_list")).status_code == 200


def test_a_lab_report_is_uploaded_and_downloaded(client, officer, world):
    client.force_login(officer)
    sample = world["sample"]

    bad = client.post(
        reverse("surveillance:lab_report_upload", args=[sample.pk]),
        {"file": SimpleUploadedFile("phieu.txt", b"x")},
    )
    client.post(
        reverse("surveillance:lab_report_upload", args=[sample.pk]),
        {"file": SimpleUploadedFile("phieu.pdf", b"%PDF-1.4 phieu")},
    )
    download = client.get(reverse("surveillance:lab_report_download", args=[sample.pk]))

    assert "Phiếu kết quả thử nghiệm phải là tệp PDF hoặc DOCX." in bad.content.decode()
    assert download.content == b"%PDF-1.4 phieu"
    assert download["Content-Disposition"] == 'attachment; filename="phieu-ket-qua-KS-001.pdf"'


def test_a_warning_from_a_serious_assessment_a_rerun_and_a_withdrawal(client, officer, world):
    client.force_login(officer)
    assessment = world["assessment"]

    client.post(reverse("surveillance:assessment_rerun", args=[assessment.pk]))
    client.post(reverse("surveillance:warning_from_assessment", args=[assessment.pk]))
    refused = client.post(
        reverse("surveillance:warning_withdraw", args=[world["warning"].pk]),
        {"reason": ""},
        follow=True,
    )
    client.post(
        reverse("surveillance:warning_withdraw", args=[world["warning"].pk]),
        {"reason": "Cơ sở đã thu hồi lô hàng"},
    )

    assert RiskAssessment.objects.filter(previous=assessment).count() == 1
    assert ConsumerWarning.objects.filter(assessment=assessment, status="draft").count() == 1
    assert "Nêu lý do thu hồi cảnh báo." in refused.content.decode()
    world["warning"].refresh_from_db()
    assert world["warning"].status == ConsumerWarning.Status.WITHDRAWN
    assert client.get(reverse("surveillance:warning_list")).status_code == 200
    page = client.get(reverse("surveillance:assessment_detail", args=[assessment.pk]))
    assert page.context["band"].label == "> 1/10"


def test_an_establishment_is_added_to_the_plan_and_inspected_from_it(
    client, officer, world, province
):
    client.force_login(officer)
    plan = world["plan"]
    other = Establishment.objects.get(pk=EstablishmentFactory(organisation__province=province).pk)

    client.post(reverse("surveillance:plan_add", args=[plan.pk]), {"establishment": other.pk})
    item = PlanItem.objects.get(plan=plan, establishment=other)
    form = client.get(reverse("surveillance:inspection_create"), {"item": item.pk})
    client.post(
        reverse("surveillance:inspection_create") + f"?item={item.pk}",
        {
            "establishment": other.pk,
            "kind": "planned",
            "inspected_on": "2026-11-02",
            "team": "Trần Thị Thu",
        },
    )

    assert form.context["form"].initial["establishment"] == other
    assert Inspection.objects.get(plan_item=item).establishment == other
    assert client.get(reverse("surveillance:inspection_list")).status_code == 200
    assert Establishment.objects.count() == 2
