"""Testing bodies: listed, recorded and corrected by the province's officers only."""

from __future__ import annotations

from django.urls import reverse

from tdc.accounts.models import Organisation
from tdc.core.models import AuditEvent
from tdc.surveillance.models import Establishment


def test_an_officer_records_a_testing_body_which_can_then_be_inspected(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("surveillance:testing_body_create"),
        {
            "name": "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
            "short_name": "TT KT TĐC",
            "tax_code": "4200123456",
            "address": "04 Phan Chu Trinh",
            "phone": "0258 3822 111",
            "email": "ttkt@example.vn",
        },
    )
    assert response.status_code == 302
    body = Organisation.objects.get(kind=Organisation.Kind.TESTING_BODY)
    assert (body.short_name, body.tax_code, body.address) == (
        "TT KT TĐC",
        "4200123456",
        "04 Phan Chu Trinh",
    )
    assert Establishment.objects.get(organisation=body).address == "04 Phan Chu Trinh"
    page = client.get(reverse("surveillance:testing_body_list")).content.decode()
    assert "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng (TT KT TĐC)" in page
    assert "0258 3822 111 · ttkt@example.vn" in page
    assert reverse("surveillance:testing_body_edit", args=[body.pk]) in page


def test_a_second_body_with_the_same_name_without_accents_or_tax_code_is_refused(
    client, officer, world, testing_body
):
    client.force_login(officer)
    url = reverse("surveillance:testing_body_create")
    response = client.post(url, {"name": "trung tam ky thuat tieu chuan do luong chat luong"})
    assert response.context["form"].errors["name"] == [
        "Đã có tổ chức thử nghiệm “Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng”."
    ]
    world["testing_body"].tax_code = "4200999999"
    world["testing_body"].save()
    response = client.post(url, {"name": "Phòng thử nghiệm khác", "tax_code": "4200999999"})
    assert response.context["form"].errors["tax_code"] == [
        "Mã số thuế 4200999999 đã thuộc về một tổ chức khác."
    ]
    assert Organisation.objects.filter(kind=Organisation.Kind.TESTING_BODY).count() == 1


def test_an_officer_corrects_a_testing_body_and_the_change_is_logged(
    client, officer, world, testing_body
):
    client.force_login(officer)
    body = world["testing_body"]
    url = reverse("surveillance:testing_body_edit", args=[body.pk])
    form = client.get(url).context["form"]
    assert form["name"].value() == body.name
    response = client.post(
        url, {"name": body.name, "address": "12 Lê Thánh Tôn", "email": "sai-dia-chi"}
    )
    assert response.context["form"].errors["email"] == ["Địa chỉ thư điện tử không hợp lệ."]
    response = client.post(url, {"name": body.name, "address": "12 Lê Thánh Tôn"})
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.address == "12 Lê Thánh Tôn"
    assert body.establishment.address == "12 Lê Thánh Tôn"
    event = AuditEvent.objects.filter(action="organisation.updated").latest("pk")
    assert event.actor == officer


def test_a_business_is_not_a_testing_body_to_edit(client, officer, world, business):
    client.force_login(officer)
    url = reverse("surveillance:testing_body_edit", args=[business.pk])
    assert client.get(url).status_code == 404
