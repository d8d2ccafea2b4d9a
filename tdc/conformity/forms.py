"""Forms of the conformity app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.conformity.models import Declaration, DeclarationDocument
from tdc.standards.models import Standard
from tdc.standards.queries import standard_by_number


class DeclarationForm(forms.Form):
    product_name = forms.CharField(label=_("Tên sản phẩm, hàng hóa"), max_length=300)
    product_description = forms.CharField(
        label=_("Mô tả (kiểu, loại, nhãn hiệu)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    gtin = forms.CharField(label=_("Mã số mã vạch (GTIN)"), required=False, max_length=20)
    standard_number = forms.CharField(
        label=_("Số hiệu tiêu chuẩn, quy chuẩn công bố"),
        max_length=100,
        help_text=_(
            "Ví dụ: QCVN 4:2009/BKHCN hoặc TCVN 4193:2014 (tra trong danh mục tiêu chuẩn)."
        ),
    )
    basis = forms.ChoiceField(label=_("Căn cứ công bố"), choices=Declaration.Basis.choices)
    certifying_body = forms.CharField(label=_("Tổ chức chứng nhận"), required=False, max_length=300)
    certificate_number = forms.CharField(
        label=_("Số giấy chứng nhận"), required=False, max_length=100
    )
    certificate_expires_on = forms.DateField(
        label=_("Giấy chứng nhận có hiệu lực đến"), required=False
    )

    def clean_standard_number(self) -> str:
        number: str = self.cleaned_data["standard_number"]
        standard = standard_by_number(number)
        if standard is None:
            raise forms.ValidationError(
                _("Không tìm thấy %(number)s trong danh mục.") % {"number": number}
            )
        if standard.status != Standard.Status.IN_FORCE:
            raise forms.ValidationError(
                _("%(number)s không còn hiệu lực%(by)s.")
                % {
                    "number": standard.number,
                    "by": f" (thay thế bằng {standard.replaced_by})"
                    if standard.replaced_by
                    else "",
                }
            )
        self.standard = standard
        return standard.number

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("standard_number")
        data["standard"] = self.standard
        return data


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DeclarationDocument.Kind.choices)
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG; tối đa 10 MB)"))


class ReturnForm(forms.Form):
    reasons = forms.CharField(
        label=_("Lý do"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    refuse = forms.BooleanField(
        label=_("Không tiếp nhận (thay vì yêu cầu bổ sung)"), required=False
    )
