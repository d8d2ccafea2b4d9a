"""Photos of products and samples: images only (the content, not the name, decides), bounded,
re-encoded without EXIF (so without the GPS position), removed again when replaced."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tdc.core.models import AuditEvent
from tdc.surveillance import services
from tdc.surveillance.models import Product, ProductCategory
from tdc.surveillance.tests.factories import ProductFactory
from tdc.surveillance.uploads import PHOTO_MAX_SIDE, check_photo, clean_photo


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg_with_gps(size: tuple[int, int] = (40, 30)) -> bytes:
    """A JPEG whose EXIF holds a GPS position (Hà Nội) and a camera make, as phones write."""
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (21.0, 1.0, 42.0), "E", (105.0, 51.0, 12.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bytes(mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (20, 10), (0, 128, 0, 128) if mode == "RGBA" else 0).save(out, format="PNG")
    return out.getvalue()


def test_the_gps_position_and_every_exif_tag_are_removed():
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(0x8825)  # the fixture really carries a position
    cleaned = check_photo(SimpleUploadedFile("anh.jpg", original, "image/jpeg"))
    with Image.open(io.BytesIO(cleaned.read())) as after:
        assert after.format == "JPEG"
        assert dict(after.getexif()) == {}
        assert "exif" not in after.info
        assert after.size == (40, 30)
    assert cleaned.name.endswith(".jpg")
    assert "anh" not in (cleaned.name or "")  # the uploader's file name is not kept


def test_a_png_with_transparency_becomes_a_jpeg_and_a_large_photo_is_reduced():
    cleaned = check_photo(SimpleUploadedFile("logo.png", png_bytes(), "image/png"))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert (image.format, image.mode) == ("JPEG", "RGB")
    big = io.BytesIO()
    Image.new("RGB", (3200, 1600), "blue").save(big, format="JPEG")
    reduced = check_photo(SimpleUploadedFile("to.jpg", big.getvalue(), "image/jpeg"))
    with Image.open(io.BytesIO(reduced.read())) as image:
        assert image.size == (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE // 2)


def test_an_html_page_renamed_jpg_is_refused_in_vietnamese():
    fake = SimpleUploadedFile(
        "anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    with pytest.raises(ValidationError) as caught:
        clean_photo(fake)
    assert caught.value.message_dict == {
        "photo": ["Tệp không phải là ảnh JPEG, PNG hoặc WebP (nội dung tệp không phải ảnh)."]
    }


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("anh.gif", b"GIF89a", "Ảnh phải là tệp JPEG, PNG hoặc WebP."),
        ("anh.svg", b"<svg/>", "Ảnh phải là tệp JPEG, PNG hoặc WebP."),
        # A real image, but a format we do not serve (GIF), named .png.
        ("anh.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", None),
        ("cut.jpg", jpeg_with_gps()[:200], None),  # a truncated JPEG
    ],
)
def test_other_files_are_refused(name, data, message):
    with pytest.raises(ValidationError) as caught:
        check_photo(SimpleUploadedFile(name, data))
    expected = message or "Tệp không phải là ảnh JPEG, PNG hoặc WebP (nội dung tệp không phải ảnh)."
    assert caught.value.messages == [expected]


def test_a_photo_over_the_size_limit_is_refused_before_it_is_opened():
    upload = SimpleUploadedFile("to.jpg", b"\xff\xd8" + b"0" * (8 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as caught:
        check_photo(upload)
    assert caught.value.messages == ["Tệp quá lớn (8,1 MB). Tối đa 8 MB."]


@pytest.mark.parametrize("side", [8000, 12000])  # over our limit; over Pillow's own
def test_a_decompression_bomb_is_refused_before_it_is_decoded(side):
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")  # 64 or 144 Mpx in a few kilobytes
    with pytest.raises(ValidationError) as caught:
        check_photo(SimpleUploadedFile("bom.png", out.getvalue()))
    assert caught.value.messages == ["Ảnh có quá nhiều điểm ảnh (tối đa 50 triệu điểm ảnh)."]


def test_a_product_is_created_with_its_photo_and_the_photo_is_replaced(
    officer, province, media, django_capture_on_commit_callbacks
):
    product = services.create_product(
        province=province,
        name="Ấm siêu tốc",
        category=ProductCategory.objects.first(),
        by=officer,
        photo=SimpleUploadedFile("am.jpg", jpeg_with_gps()),
    )
    first = product.photo.name
    assert first.startswith("surveillance/products/")
    assert default_storage.exists(first)
    with default_storage.open(first) as handle, Image.open(handle) as image:
        assert dict(image.getexif()) == {}

    with django_capture_on_commit_callbacks(execute=True):
        services.set_product_photo(
            product, upload=SimpleUploadedFile("moi.png", png_bytes("RGB")), by=officer
        )
    product.refresh_from_db()
    assert product.photo.name != first
    assert default_storage.exists(product.photo.name)
    assert not default_storage.exists(first)  # the old file went once the change committed
    assert AuditEvent.objects.filter(action="surveillance.photo_set").count() == 1


def test_a_refused_photo_records_nothing(officer, province, media):
    with pytest.raises(ValidationError):
        services.create_product(
            province=province,
            name="Ấm siêu tốc",
            category=ProductCategory.objects.first(),
            by=officer,
            photo=SimpleUploadedFile("am.jpg", b"<html></html>"),
        )
    assert not Product.objects.exists()
    assert list(media.rglob("*.jpg")) == []


def test_a_product_refused_for_its_gtin_leaves_no_photo_file(officer, province, media):
    ProductFactory(province=province, gtin="08934567000048")
    with pytest.raises(ValidationError):
        services.create_product(
            province=province,
            name="Trùng mã",
            gtin="8934567000048",
            category=ProductCategory.objects.first(),
            by=officer,
            photo=SimpleUploadedFile("am.jpg", jpeg_with_gps()),
        )
    assert list(media.rglob("*.jpg")) == []


def test_a_sample_is_recorded_with_its_photo(world_light, officer, media):
    programme, product, shop = world_light
    sample = services.record_sample(
        programme,
        code="KS-9",
        product=product,
        establishment=shop,
        sampled_on=dt.date(2026, 5, 4),
        by=officer,
        photo=SimpleUploadedFile("mau.webp", _webp()),
    )
    assert sample.photo.name.startswith("surveillance/samples/")
    assert sample.photo.name.endswith(".jpg")


def _webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(out, format="WEBP")
    return out.getvalue()


@pytest.fixture
def world_light(officer, province, business):
    toys = ProductCategory.objects.get(code="do-choi-tre-em")
    shop = services.register_establishment(province=province, by=officer, organisation=business)
    product = services.create_product(province=province, name="Xe", category=toys, by=officer)
    programme = services.create_programme(
        province=province, year=2026, title="Khảo sát", categories=[toys], by=officer
    )
    return programme, product, shop
