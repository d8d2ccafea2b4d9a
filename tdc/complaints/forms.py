"""Forms: shape and types only. Business rules live in the services."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.complaints.attachments import ACCEPT, MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD
from tdc.complaints.crypto import Identity
from tdc.complaints.models import Complaint, Message, RoutingRule
from tdc.complaints.queries import communes_of
from tdc.core.text import clean_text

MAX_DESCRIPTION = 5000
MAX_NOTE = 2000
MAX_QUERY = 200
_PHONE = re.compile(r"^(\+84|0)\d{9,10}$")
_CITIZEN_ID = re.compile(r"^(\d{9}|\d{12})$")
TOO_LONG = _("Tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d ký tự).")

MAX_ID = 2**63 - 1


def parse_id(value: str) -> int | None:
    """A record id from a query string, or None: never an integer the database cannot hold."""
    value = value.strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class FreeText(forms.CharField):
    """A free-text field: always bounded, cleaned of control and invisible characters (NFC),
    and refused with a Vietnamese message when too long; the typed value stays in the form."""

    default_error_messages = {
        "max_length": TOO_LONG,
        "min_length": _(
            "Vui lòng nhập ít nhất %(limit_value)d ký tự (bạn mới nhập %(show_value)d ký tự)."
        ),
        "required": _("Vui lòng điền ô này."),
    }

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return clean_text(text, keep_newlines=isinstance(self.widget, forms.Textarea)).strip()


class FreeEmail(forms.EmailField):
    default_error_messages = {"max_length": TOO_LONG}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked for size here, for content by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [
            cast("UploadedFile[Any]", super(MultipleFileField, self).clean(item, initial))
            for item in items
        ]
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise forms.ValidationError(
                _("Chọn tối đa %(n)d tệp mỗi lần.") % {"n": MAX_FILES_PER_UPLOAD}
            )
        for upload in files:
            if upload.size is not None and upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(_("Mỗi tệp không quá 10 MB."))
        return files


FILES_HELP = _(
    "Ảnh (JPEG, PNG, WebP) hoặc PDF, tối đa 5 tệp, mỗi tệp 10 MB. Vị trí GPS, số máy ảnh và "
    "thông tin khác trong ảnh, tên tác giả và thông tin mô tả trong tệp PDF được xóa trước khi "
    "lưu. Nội dung trang PDF giữ nguyên: hãy kiểm tra trước khi gửi nếu muốn ẩn danh."
)


class ComplaintReportForm(forms.Form):
    """The public report form. `website` is a honeypot: people never see it, scripts fill it."""

    class IdentityMode:
        ANONYMOUS = "anonymous"
        CONFIDENTIAL = "confidential"

    category = forms.ChoiceField(
        label=_("Loại vi phạm"), choices=[("", "—")] + list(Complaint.Category.choices)
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố"), queryset=Province.objects.order_by("name"), empty_label="—"
    )
    commune = forms.ModelChoiceField(
        label=_("Xã, phường, đặc khu"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("— Không rõ —"),
    )
    address = FreeText(label=_("Địa chỉ, địa điểm"), max_length=300, required=False)
    business_name = FreeText(
        label=_("Tên cơ sở, cửa hàng, người bán"), max_length=200, required=False
    )
    occurred_on = forms.DateField(
        label=_("Ngày xảy ra"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    description = FreeText(
        label=_("Nội dung phản ánh"),
        min_length=20,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_DESCRIPTION}),
        help_text=_(
            "Mô tả sự việc: hàng hóa, phương tiện đo, cách thức vi phạm. Nếu muốn ẩn danh, "
            "đừng ghi họ tên, số điện thoại của bạn vào đây."
        ),
    )
    attachments = MultipleFileField(label=_("Ảnh, tài liệu kèm theo"), help_text=FILES_HELP)
    identity_mode = forms.ChoiceField(
        label=_("Danh tính của bạn"),
        widget=forms.RadioSelect,
        initial=IdentityMode.ANONYMOUS,
        choices=[
            (IdentityMode.ANONYMOUS, _("Ẩn danh hoàn toàn: không cung cấp thông tin cá nhân")),
            (
                IdentityMode.CONFIDENTIAL,
                _("Cung cấp danh tính, được giữ bí mật (mã hóa, chỉ lộ khi được phê duyệt)"),
            ),
        ],
    )
    name = FreeText(label=_("Họ và tên"), max_length=200, required=False)
    phone = FreeText(label=_("Số điện thoại"), max_length=20, required=False)
    email = FreeEmail(label=_("Thư điện tử"), required=False)
    citizen_id = FreeText(label=_("Số định danh cá nhân / Căn cước"), max_length=20, required=False)
    wants_denunciation = forms.BooleanField(
        label=_(
            "Đây là đơn tố cáo (theo Luật Tố cáo 2018: danh tính được giữ bí mật, giải quyết trong 30 ngày)"
        ),
        required=False,
    )
    wants_email_updates = forms.BooleanField(
        label=_("Gửi thư báo cho tôi khi hồ sơ có cập nhật"), required=False
    )
    website = FreeText(
        label=_("Để trống ô này"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    IDENTITY_FIELDS = ("name", "phone", "email", "citizen_id")

    def __init__(self, *args: Any, default_province: Province | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if default_province is not None and not self.is_bound:
            self.fields["province"].initial = default_province.pk
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("complaints:commune_options"),
                "hx-target": "#id_commune",
                "hx-trigger": "change",
            }
        )
        province_id = self._province_id()
        commune_field = cast(forms.ModelChoiceField, self.fields["commune"])  # type: ignore[type-arg]
        commune_field.queryset = communes_of(province_id)
        for name in ("name", "phone", "email", "citizen_id"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def _province_id(self) -> int | None:
        value = self.data.get("province") if self.is_bound else self.fields["province"].initial
        if isinstance(value, Province):
            return value.pk
        return parse_id(str(value)) if value else None

    def clean_occurred_on(self) -> Any:
        value = self.cleaned_data.get("occurred_on")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(_("Ngày xảy ra không thể ở tương lai."))
        return value

    def clean_phone(self) -> str:
        value = re.sub(r"[\s.\-()]", "", self.cleaned_data.get("phone", ""))
        if value and not _PHONE.match(value):
            raise forms.ValidationError(_("Số điện thoại không hợp lệ."))
        return value

    def clean_citizen_id(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data.get("citizen_id", ""))
        if value and not _CITIZEN_ID.match(value):
            raise forms.ValidationError(
                _("Số định danh cá nhân gồm 12 chữ số (chứng minh nhân dân cũ: 9 chữ số).")
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("Không gửi được biểu mẫu. Vui lòng thử lại."))
        confidential = data.get("identity_mode") == self.IdentityMode.CONFIDENTIAL
        if confidential:
            if not data.get("name") and "name" not in self.errors:
                self.add_error("name", _("Hãy ghi họ tên (được giữ bí mật)."))
            contact_refused = "phone" in self.errors or "email" in self.errors
            if not (data.get("phone") or data.get("email")) and not contact_refused:
                self.add_error("phone", _("Hãy ghi số điện thoại hoặc thư điện tử để liên hệ."))
        else:
            if data.get("wants_denunciation"):
                self.add_error(
                    "wants_denunciation",
                    _("Đơn tố cáo cần danh tính người tố cáo; hãy chọn cung cấp danh tính."),
                )
            # Anonymous: whatever was typed in the identity fields is dropped, never stored.
            for name in self.IDENTITY_FIELDS:
                data[name] = ""
            data["wants_email_updates"] = False
        if data.get("wants_email_updates") and not data.get("email"):
            self.add_error("email", _("Hãy ghi thư điện tử để nhận thư báo."))
        province, commune = data.get("province"), data.get("commune")
        if province is not None and commune is not None and commune.province_id != province.pk:
            self.add_error("commune", _("Xã, phường không thuộc tỉnh đã chọn."))
        return data

    def identity(self) -> Identity | None:
        if self.cleaned_data.get("identity_mode") != self.IdentityMode.CONFIDENTIAL:
            return None
        return Identity(
            name=self.cleaned_data["name"].strip(),
            phone=self.cleaned_data["phone"],
            email=self.cleaned_data["email"].strip(),
            citizen_id=self.cleaned_data["citizen_id"],
        )


class RecordedComplaintForm(ComplaintReportForm):
    """A report received by hotline, phone, letter, e-mail or in person, entered by staff: the
    same fields as the public form, the channel first, the province the officer's own."""

    field_order = ["channel"]

    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"),
        choices=[("", "—")]
        + [(v, label) for v, label in Complaint.Channel.choices if v != Complaint.Channel.WEB],
    )

    def __init__(self, *args: Any, province: Province, **kwargs: Any) -> None:
        super().__init__(*args, default_province=province, **kwargs)
        del self.fields["website"]
        province_field = cast(forms.ModelChoiceField, self.fields["province"])  # type: ignore[type-arg]
        province_field.queryset = Province.objects.filter(pk=province.pk)
        province_field.empty_label = None
        self.fields["identity_mode"].label = _("Danh tính người phản ánh")
        self.fields["wants_email_updates"].label = _(
            "Gửi thư báo cho người phản ánh khi hồ sơ có cập nhật"
        )


class ReceiptLookupForm(forms.Form):
    code = FreeText(
        label=_("Mã tiếp nhận"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class CitizenReplyForm(forms.Form):
    question = forms.TypedChoiceField(
        label=_("Trả lời cho"), coerce=int, required=False, empty_value=None
    )
    body = FreeText(
        label=_("Nội dung trả lời, bổ sung"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(label=_("Thêm ảnh, tài liệu"), help_text=FILES_HELP)

    def __init__(self, *args: Any, questions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, Any]] = [
            (
                q.pk,
                _("Câu hỏi ngày %(date)s")
                % {"date": timezone.localtime(q.created_at).strftime("%d/%m/%Y %H:%M")},
            )
            for q in questions
        ]
        choices.append(("", _("Bổ sung thông tin (không trả lời câu hỏi nào)")))
        field = cast(forms.TypedChoiceField, self.fields["question"])
        field.choices = choices
        if len(choices) == 1:
            field.widget = forms.HiddenInput()  # nothing to choose: no open question
        elif not self.is_bound:
            field.initial = choices[0][0]


class StatisticsFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố"),
        queryset=Province.objects.order_by("name"),
        required=False,
        empty_label=_("Tất cả"),
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)


# --- Staff ------------------------------------------------------------------------------------


class ComplaintFilterForm(forms.Form):
    q = FreeText(label=_("Tìm kiếm"), max_length=MAX_QUERY, required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), ("open", _("Đang mở"))] + list(Complaint.Status.choices),
    )
    category = forms.ChoiceField(
        label=_("Lĩnh vực"),
        required=False,
        choices=[("", _("Tất cả"))] + list(Complaint.Category.choices),
    )
    track = forms.ChoiceField(
        label=_("Diện"), required=False, choices=[("", _("Tất cả"))] + list(Complaint.Track.choices)
    )
    overdue = forms.BooleanField(label=_("Quá hạn"), required=False)
    mine = forms.BooleanField(label=_("Của tôi"), required=False)


class NoteForm(forms.Form):
    note = FreeText(
        label=_("Ghi chú"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do không thụ lý"), choices=Complaint.RejectionReason.choices
    )
    note = FreeText(
        label=_("Giải thích cho người phản ánh"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Cán bộ xử lý"), queryset=User.objects.none())

    def __init__(self, *args: Any, users: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if users is not None:
            cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = users  # type: ignore[type-arg]


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Kết quả xác minh"),
        choices=[
            (Complaint.Outcome.VIOLATION_CONFIRMED, Complaint.Outcome.VIOLATION_CONFIRMED.label),
            (Complaint.Outcome.NOT_CONFIRMED, Complaint.Outcome.NOT_CONFIRMED.label),
        ],
    )
    conclusion = FreeText(
        label=_("Kết luận (người phản ánh đọc được)"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TrackForm(forms.Form):
    track = forms.ChoiceField(label=_("Chuyển sang diện"), choices=Complaint.Track.choices)
    reason = FreeText(
        label=_("Lý do"), max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Số ngày gia hạn"), min_value=1, max_value=30, initial=30)
    reason = FreeText(
        label=_("Lý do gia hạn"), max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 2})
    )


class RerouteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Chuyển cho cơ quan"), queryset=Organisation.objects.none()
    )
    reason = FreeText(
        label=_("Lý do"), max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations  # type: ignore[type-arg]


class TransferForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("Cơ quan nhận (trong hệ thống)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    authority_name = FreeText(
        label=_("Hoặc tên cơ quan nhận (ví dụ: Công an tỉnh)"), max_length=300, required=False
    )
    authority_email = FreeEmail(label=_("Thư điện tử cơ quan nhận"), required=False)
    reason = FreeText(
        label=_("Lý do chuyển"), max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            cast(forms.ModelChoiceField, self.fields["authority"]).queryset = organisations  # type: ignore[type-arg]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("authority") and not data.get("authority_name", "").strip():
            raise forms.ValidationError(_("Hãy chọn hoặc ghi tên cơ quan nhận."))
        return data


class MessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[
            (Message.Kind.QUESTION, _("Câu hỏi cho người phản ánh (họ đọc được)")),
            (Message.Kind.NOTE, _("Ghi chú nội bộ")),
        ],
        widget=forms.RadioSelect,
        initial=Message.Kind.QUESTION,
    )
    body = FreeText(
        label=_("Nội dung"), max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(forms.Form):
    into = FreeText(label=_("Gộp vào hồ sơ (mã hồ sơ)"), max_length=20)


class DisclosureRequestForm(forms.Form):
    reason = FreeText(
        label=_("Lý do cần biết danh tính người phản ánh"),
        min_length=20,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DisclosureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("approve", _("Chấp thuận")), ("refuse", _("Từ chối"))],
        widget=forms.RadioSelect,
    )
    note = FreeText(
        label=_("Ý kiến"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoutingRuleForm(forms.ModelForm[RoutingRule]):
    class Meta:
        model = RoutingRule
        fields = ["category", "commune", "organisation"]

    def __init__(self, *args: Any, province_id: int, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["commune"]).queryset = communes_of(province_id)  # type: ignore[type-arg]
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations  # type: ignore[type-arg]

    def validate_unique(self) -> None:
        """Uniqueness is the service's rule (it needs the province, which is not a field)."""
