"""Photos on the pages: uploaded on the product and sample forms, shown through the door,
public only with a published warning."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tdc.surveillance import services
from tdc.surveillance.models import ConsumerWarning, Product
from tdc.surveillance.tests.factories import category
from tdc.surveillance.tests.services.test_photos import jpeg_with_gps


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _photo(name: str = "anh.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")


def test_a_product_is_recorded_with_its_photo_shown_on_its_page(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("surveillance:product_create"),
        {"name": "Ấm siêu tốc", "category": category().pk, "risk_class": "high", "photo": _photo()},
    )
    product = Product.objects.get()
    assert response.status_code == 302
    page = client.get(product.get_absolute_url()).content.decode()
    photo_url = reverse("surveillance:product_photo", args=[product.pk])
    assert f'src="{photo_url}"' in page
    assert 'alt="Ảnh sản phẩm Ấm siêu tốc"' in page
    image = client.get(photo_url)
    assert image["Content-Type"] == "image/jpeg"
    assert image["Cache-Control"] == "private, max-age=300"
    assert b"".join(image).startswith(b"\xff\xd8")


def test_an_html_page_renamed_jpg_is_refused_on_the_product_form(client, officer):
    client.force_login(officer)
    fake = SimpleUploadedFile("anh.jpg", b"<html><body>x</body></html>", "image/jpeg")
    response = client.post(
        reverse("surveillance:product_create"),
        {"name": "Ấm siêu tốc", "category": category().pk, "risk_class": "high", "photo": fake},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "Tệp không phải là ảnh JPEG, PNG hoặc WebP (nội dung tệp không phải ảnh)."
    ]
    assert not Product.objects.exists()


def test_a_photo_is_added_to_a_product_and_a_sample_from_their_pages(client, officer, world):
    client.force_login(officer)
    product, sample = world["product"], world["sample"]
    response = client.post(
        reverse("surveillance:product_photo_upload", args=[product.pk]), {"photo": _photo()}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("surveillance:sample_photo_upload", args=[sample.pk]), {"photo": _photo()}
    )
    assert response.status_code == 302
    sample.refresh_from_db()
    assert sample.photo.name.startswith("surveillance/samples/")
    page = client.get(sample.get_absolute_url()).content.decode()
    assert reverse("surveillance:sample_photo", args=[sample.pk]) in page
    refused = client.post(
        reverse("surveillance:sample_photo_upload", args=[sample.pk]),
        {"photo": SimpleUploadedFile("anh.png", b"<svg onload=alert(1)>")},
    )
    assert refused.status_code == 200
    assert "Tệp không phải là ảnh JPEG, PNG hoặc WebP" in refused.content.decode()


def test_staff_photos_stay_behind_the_door(
    client, officer, world, business_user, other_province_officer
):
    services.set_product_photo(world["product"], upload=_photo(), by=officer)
    services.set_sample_photo(world["sample"], upload=_photo(), by=officer)
    product_url = reverse("surveillance:product_photo", args=[world["product"].pk])
    sample_url = reverse("surveillance:sample_photo", args=[world["sample"].pk])
    assert client.get(product_url).status_code == 302  # anonymous: to the login page
    client.force_login(other_province_officer)
    assert client.get(product_url).status_code == 404
    assert client.get(sample_url).status_code == 404
    client.force_login(business_user)  # the seller sees the photo of its own sample
    assert client.get(sample_url).status_code == 200
    client.force_login(business_user)
    assert client.post(
        reverse("surveillance:sample_photo_upload", args=[world["sample"].pk]),
        {"photo": _photo()},
    ).status_code in (403, 404)


def test_the_public_sees_a_warnings_photos_only_once_it_is_published(client, officer, world):
    warning = world["warning"]
    services.set_product_photo(world["product"], upload=_photo(), by=officer)
    services.set_sample_photo(world["sample"], upload=_photo(), by=officer)
    product_photo = reverse(
        "surveillance:public_warning_photo", args=[warning.reference, "san-pham"]
    )
    sample_photo = reverse("surveillance:public_warning_photo", args=[warning.reference, "mau"])

    page = client.get(warning.get_public_url()).content.decode()
    assert f'src="{product_photo}"' in page
    assert f'src="{sample_photo}"' in page
    image = client.get(product_photo)
    assert (image.status_code, image["Content-Type"]) == (200, "image/jpeg")
    assert image["Cache-Control"] == "public, max-age=300"
    assert client.get(sample_photo).status_code == 200
    # The staff addresses are not what the public page links to.
    assert reverse("surveillance:product_photo", args=[world["product"].pk]) not in page
    assert (
        client.get(
            reverse("surveillance:public_warning_photo", args=[warning.reference, "khac"])
        ).status_code
        == 404
    )

    ConsumerWarning.objects.filter(pk=warning.pk).update(
        status=ConsumerWarning.Status.WITHDRAWN, updated_at=timezone.now()
    )
    assert client.get(product_photo).status_code == 404
    assert client.get(sample_photo).status_code == 404


def test_a_draft_warnings_photo_is_not_public(client, officer, world):
    services.set_product_photo(world["product"], upload=_photo(), by=officer)
    draft = services.draft_warning_from_sample(world["sample"], by=officer, hazard="Thử.")
    url = reverse("surveillance:public_warning_photo", args=[draft.reference, "san-pham"])
    assert client.get(url).status_code == 404
    client.force_login(officer)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert reverse("surveillance:product_photo", args=[world["product"].pk]) in page
