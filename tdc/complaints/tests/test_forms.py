"""Every free-text field is bounded and cleaned; a refusal says why in Vietnamese and keeps
what the person typed."""

from __future__ import annotations

import inspect

import pytest
from django import forms as django_forms

from tdc.complaints import forms
from tdc.complaints.models import Complaint, Message

REPORT_URL = "/phan-anh/gui/"


def _form_classes() -> list[type[django_forms.BaseForm]]:
    return [
        cls
        for _name, cls in inspect.getmembers(forms, inspect.isclass)
        if issubclass(cls, django_forms.BaseForm) and cls.__module__ == forms.__name__
    ]


@pytest.mark.parametrize("form_class", _form_classes(), ids=lambda c: c.__name__)
def test_every_text_field_of_every_form_is_bounded_and_cleaned(form_class):
    text_fields = {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, django_forms.CharField)
    }

    for name, field in text_fields.items():
        assert isinstance(field, forms.FreeText | forms.FreeEmail), name
        assert field.max_length is not None, name
        assert field.error_messages["max_length"] == forms.TOO_LONG, name


def _report(province, commune, **extra):
    return {
        "category": "measurement_fraud",
        "province": province.pk,
        "commune": commune.pk,
        "address": "Chợ Đầm",
        "business_name": "Sạp cá cô Ba",
        "description": "Cân điện tử cân thiếu khoảng 100 gam mỗi ki-lô-gam.",
        "identity_mode": "anonymous",
        "website": "",
        **extra,
    }


@pytest.mark.parametrize(
    ("field", "limit"),
    [("description", 5000), ("address", 300), ("business_name", 200)],
)
def test_a_too_long_public_field_is_refused_and_what_was_typed_stays(
    client, province, commune, dost, field, limit
):
    typed = "Cân thiếu " + "x" * limit  # one word more than the limit allows

    response = client.post(REPORT_URL, _report(province, commune, **{field: typed}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        f"Tối đa {limit} ký tự (bạn đã nhập {len(typed)} ký tự)."
    ]
    assert typed in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_too_long_identity_field_is_refused(client, province, commune, dost):
    response = client.post(
        REPORT_URL,
        _report(province, commune, identity_mode="confidential", name="Phạm " * 50, phone=""),
    )

    assert response.context["form"].errors["name"] == ["Tối đa 200 ký tự (bạn đã nhập 249 ký tự)."]


def test_control_and_invisible_characters_never_reach_the_database(client, province, commune, dost):
    response = client.post(
        REPORT_URL,
        _report(
            province,
            commune,
            business_name="Sạp\u200b cá\x0c cô\u202e Ba\x00",
            description="Cân thiếu\x0b 100 gam\u2066 mỗi ki-lô-gam,\nbán từ sáng.",
        ),
    )

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.business_name == "Sạp cá cô Ba"
    assert complaint.description == "Cân thiếu 100 gam mỗi ki-lô-gam,\nbán từ sáng."


def test_a_too_long_staff_message_is_refused_on_the_page_and_kept(client, submit, officer):
    complaint = submit().complaint
    client.force_login(officer)
    typed = "Đề nghị bổ sung " + "ảnh " * 1250

    response = client.post(
        f"/phan-anh/{complaint.pk}/xu-ly/message/",
        {"message-kind": "question", "message-body": typed},
    )

    assert response.status_code == 200
    assert response.context["forms"]["message"].errors["body"] == [
        f"Tối đa 5000 ký tự (bạn đã nhập {len(typed.strip())} ký tự)."
    ]
    assert typed.strip() in response.content.decode()
    assert Message.objects.filter(complaint=complaint, kind="question").count() == 0


def test_a_too_long_citizen_reply_is_refused_and_kept(client, submit):
    submitted = submit()
    client.post("/phan-anh/theo-doi/", {"code": submitted.receipt_code})
    typed = "Bổ sung " + "y" * 5000

    response = client.post("/phan-anh/theo-doi/ho-so/bo-sung/", {"body": typed})

    assert response.status_code == 200
    assert response.context["reply_form"].errors["body"] == [
        f"Tối đa 5000 ký tự (bạn đã nhập {len(typed)} ký tự)."
    ]
    assert typed in response.content.decode()


def test_a_too_long_filter_query_is_refused_not_searched(client, officer):
    client.force_login(officer)

    response = client.get("/phan-anh/", {"q": "x" * 201})

    assert response.status_code == 200
    assert response.context["form"].errors["q"] == ["Tối đa 200 ký tự (bạn đã nhập 201 ký tự)."]
