from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from tdc.core import text

register = template.Library()

_INPUT_CLASS: dict[type[forms.Widget], str] = {
    forms.CheckboxInput: "form-check-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}


@register.filter
def with_class(bound: forms.BoundField) -> Any:
    """Render a bound field's widget with the Bootstrap class its kind needs."""
    widget = bound.field.widget
    css = _INPUT_CLASS.get(type(widget), "form-control")
    if bound.errors:
        css += " is-invalid"
    return bound.as_widget(attrs={"class": css} if css.strip() else {})


@register.filter
def is_checkbox(bound: forms.BoundField) -> bool:
    return isinstance(bound.field.widget, forms.CheckboxInput)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def shorten(value: Any, limit: int) -> str:
    """`truncatechars`, but between words: "Tăng cường công tác…", never "Tăng cường cô…"."""
    return text.shorten("" if value is None else str(value), int(limit))


@register.filter
def nfc(value: Any) -> str:
    """Text in NFC, e.g. Django's own name for Vietnamese ("Tiếng Việt"), which it spells with
    combining marks."""
    return text.nfc("" if value is None else str(value))


@register.filter
def code_groups(value: Any) -> str:
    """ "ABCD-EFGH-IJKL" as groups that never break inside ("ABCD-" stays whole), so a long
    code wraps on a phone only between its groups; copying the text gives the code back."""
    groups = str(value or "").split("-")
    spans = [
        format_html(
            '<span class="code-group">{}{}</span>', group, "-" if i < len(groups) - 1 else ""
        )
        for i, group in enumerate(groups)
    ]
    return mark_safe("<wbr>".join(spans))  # noqa: S308  (every group escaped by format_html)
