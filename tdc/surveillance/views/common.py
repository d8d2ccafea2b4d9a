"""What the surveillance pages share: attaching a service's error to a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


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
