"""What the surveillance pages share: attaching a service's error to a form, serving a photo."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tdc.surveillance.models import ConsumerWarning


def attach(form: forms.Form, error: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Put the service's message on the form: on its field when the form has one (renamed by
    `fields`), else at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = (fields or {}).get(name, name)
        for one in errors:
            form.add_error(target if target in form.fields else None, one)


def photo_response(photo: FieldFile, *, public: bool = False) -> HttpResponse:
    """A stored photo (always a JPEG re-encoded by `uploads.clean_photo`), after the door.

    Never a link into MEDIA: the caller has checked who may see it. Staff photos are not
    cached by shared caches; a published warning's photo may be, briefly (it may be withdrawn).
    """
    if not photo or not (photo.name or "").endswith(".jpg"):
        raise Http404
    try:
        with photo.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=300" if public else "private, max-age=300"
    response["Content-Disposition"] = "inline"
    return response


def warning_photos(warning: ConsumerWarning, *, public: bool) -> list[tuple[str, str]]:
    """(address, description) of the product's and the sample's photos shown with a warning:
    on the public page through the warning's own addresses, which exist only once published."""
    photos = []
    if warning.product.photo:
        url = (
            reverse("surveillance:public_warning_photo", args=[warning.reference, "san-pham"])
            if public
            else reverse("surveillance:product_photo", args=[warning.product_id])
        )
        photos.append((url, _("Ảnh sản phẩm %(name)s") % {"name": warning.product.name}))
    if warning.sample is not None and warning.sample.photo:
        url = (
            reverse("surveillance:public_warning_photo", args=[warning.reference, "mau"])
            if public
            else reverse("surveillance:sample_photo", args=[warning.sample_id])
        )
        photos.append((url, _("Ảnh mẫu đã lấy")))
    return photos
