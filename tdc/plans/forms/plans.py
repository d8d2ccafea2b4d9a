"""Forms of the plan pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.core.text import shorten
from tdc.plans.models import Plan


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)


class WithdrawPlanForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thu hồi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: nhập nhầm văn bản, văn bản đã bị bãi bỏ."),
    )


class PlanField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{shorten(obj.title, 150)} ({obj.year})" if obj.year else shorten(obj.title, 150)


class PlanChoiceForm(forms.Form):
    """Pick another plan of the same province (the one this plan replaces, or implements)."""

    plan = PlanField(label=_("Kế hoạch"), queryset=Plan.objects.none())

    def __init__(self, *args: Any, plans: QuerySet[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = plans


class SubPlanForm(PlanChoiceForm):
    issued_by = forms.ModelChoiceField(
        label=_("Cơ quan ban hành kế hoạch này"), queryset=Organisation.objects.none()
    )

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[Plan],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, plans=plans, **kwargs)
        field = self.fields["issued_by"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = organisations
