"""Forms of the standards app: shape and types only; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.core.text import shorten
from tdc.standards.ics import split_codes
from tdc.standards.models import Project, Standard


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Số hiệu, tên, mã ICS…"), "type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Mọi trạng thái")), *Standard.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Mọi loại")), *Standard.Kind.choices]
    )
    ics = forms.CharField(label=_("Mã ICS"), required=False, max_length=20)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp (CSV, XLSX hoặc JSON)"))


class SummaryForm(forms.Form):
    summary_vi = forms.CharField(
        label=_("Tóm tắt tiếng Việt"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class NotificationFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200)
    member = forms.CharField(label=_("Thành viên (mã nước)"), required=False, max_length=10)
    hs = forms.CharField(label=_("Mã HS"), required=False, max_length=12)
    ics = forms.CharField(label=_("Mã ICS"), required=False, max_length=20)
    open_only = forms.BooleanField(label=_("Còn hạn góp ý"), required=False)


class CodeListField(forms.CharField):
    """ "0901, 2101; 0902" → ["0901", "2101", "0902"]."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        return split_codes(text) if text else []


class KeywordListField(forms.CharField):
    """Keywords separated by commas or semicolons (a keyword may hold several words)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        parts = [part.strip() for part in text.replace(";", ",").split(",")]
        return [part for part in parts if part]


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Tên gợi nhớ"), max_length=200)
    email = forms.EmailField(label=_("Thư điện tử nhận bản tin"))
    hs_prefixes = CodeListField(
        label=_("Mã HS (2–10 chữ số, cách nhau bằng dấu phẩy)"), required=False, max_length=500
    )
    ics_prefixes = CodeListField(label=_("Mã ICS (ví dụ 67.140)"), required=False, max_length=500)
    markets = CodeListField(
        label=_("Thị trường (mã thành viên WTO: USA, EU, CHN…)"), required=False, max_length=300
    )
    keywords = KeywordListField(
        label=_("Từ khóa (cách nhau bằng dấu phẩy)"), required=False, max_length=500
    )
    include_standard_changes = forms.BooleanField(
        label=_("Báo cả tiêu chuẩn trong danh mục thay đổi"), required=False, initial=True
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Doanh nghiệp"), queryset=organisations
            )
            self.order_fields(["organisation"])

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return data

    def organisation(self) -> Organisation | None:
        found: Organisation | None = self.cleaned_data.get("organisation")
        return found


class EnquiryForm(forms.Form):
    subject = forms.CharField(label=_("Tiêu đề"), max_length=300)
    market = forms.CharField(label=_("Thị trường liên quan"), required=False, max_length=100)
    question = forms.CharField(
        label=_("Câu hỏi"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Trả lời"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    publish = forms.BooleanField(label=_("Đăng lên mục hỏi đáp (ẩn danh)"), required=False)
    faq_question = forms.CharField(
        label=_("Câu hỏi đăng công khai"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    faq_answer = forms.CharField(
        label=_("Trả lời đăng công khai"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProjectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Project.Kind.choices)
    title = forms.CharField(label=_("Tên dự án"), max_length=300)
    description = forms.CharField(
        label=_("Mục tiêu, phạm vi"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due_on = forms.DateField(label=_("Hạn của giai đoạn đề xuất"), required=False)
    plan_task_id = forms.TypedChoiceField(
        label=_("Nhiệm vụ trong kế hoạch"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, tasks: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["plan_task_id"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101
        field.choices = [("", _("— Chưa gắn —")), *((t.pk, shorten(t.label, 160)) for t in tasks)]


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Chuyển sang giai đoạn"), choices=Project.Stage.choices)
    due_on = forms.DateField(
        label=_("Hạn của giai đoạn (hạn góp ý khi lấy ý kiến)"), required=False
    )
    issued_number = forms.CharField(label=_("Số hiệu ban hành"), required=False, max_length=100)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProjectDocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=300)
    file = forms.FileField(label=_("Tệp (PDF hoặc DOCX, tối đa 20 MB)"))


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Ý kiến góp ý"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
