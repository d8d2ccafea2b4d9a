"""Routing rules, edited by the province's DoST officers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.complaints.access import can_manage_routing
from tdc.complaints.models import RoutingRule
from tdc.complaints.queries import routable_organisations
from tdc.core.audit import changes_between, record, snapshot

RULE_FIELDS = ("province", "commune", "category", "organisation")


@transaction.atomic
def save_routing_rule(
    rule: RoutingRule | None,
    *,
    province: Province,
    commune: Commune | None,
    category: str,
    organisation: Organisation,
    by: User,
) -> RoutingRule:
    """Create a rule, or change one; one rule per category and area."""
    if not can_manage_routing(by, province.pk):
        raise ValidationError(_("Chỉ Sở KH&CN của tỉnh được sửa quy tắc định tuyến."))
    if commune is not None and commune.province_id != province.pk:
        raise ValidationError({"commune": _("Xã, phường không thuộc tỉnh.")})
    if not routable_organisations(province.pk).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("Cơ quan xử lý phải là cơ quan nhà nước trong tỉnh.")}
        )
    clash = RoutingRule.objects.filter(province=province, commune=commune, category=category)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        raise ValidationError(_("Đã có quy tắc cho lĩnh vực và địa bàn này."))
    before = snapshot(rule, RULE_FIELDS) if rule is not None else None
    rule = rule or RoutingRule()
    rule.province = province
    rule.commune = commune
    rule.category = category
    rule.organisation = organisation
    rule.full_clean()
    rule.save()
    after = snapshot(rule, RULE_FIELDS)
    if before is None:
        record(actor=by, action="routing_rule.created", target=rule, data={"values": after})
    else:
        record(
            actor=by,
            action="routing_rule.updated",
            target=rule,
            data={"changes": changes_between(before, after)},
        )
    return rule


@transaction.atomic
def delete_routing_rule(rule: RoutingRule, *, by: User) -> None:
    if not can_manage_routing(by, rule.province_id):
        raise ValidationError(_("Chỉ Sở KH&CN của tỉnh được sửa quy tắc định tuyến."))
    record(
        actor=by,
        action="routing_rule.deleted",
        target=rule,
        data={"values": snapshot(rule, RULE_FIELDS)},
    )
    rule.delete()
