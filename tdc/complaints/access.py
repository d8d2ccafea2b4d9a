"""The doors: which complaint a user may open or change, and the ONLY reader of identity.

Nothing else in the project reads `Reporter` (a test greps the source to keep it so), except
`notifications`, which must know where to write to a citizen who asked for e-mail updates.
`identity_for_user` returns a reporter's identity to one person only: the handler whose
disclosure request a custodian approved, while it is valid; every view is audited.
"""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import User
from tdc.accounts.permissions import can_change
from tdc.complaints.crypto import Identity, Keyring, load_keyring, seal, unseal
from tdc.complaints.models import Complaint, IdentityDisclosureRequest, Receipt, Reporter
from tdc.complaints.queries import (
    complaints_changeable_by,
    complaints_visible_to,
    disclosure_requests_by,
    disclosure_requests_for_custodian,
)
from tdc.complaints.receipts import hash_code
from tdc.core.audit import record


def get_complaint_for_user(user: AnyUser, pk: int) -> Complaint:
    """404 for 'missing' and 'not yours' alike."""
    return get_object_or_404(complaints_visible_to(user), pk=pk)


def can_change_complaint(user: AnyUser, complaint: Complaint) -> bool:
    if not can(user, Capability.HANDLE_COMPLAINTS):
        return False
    return can_change(
        user, organisation_id=complaint.organisation_id, province_id=complaint.province_id
    )


def get_complaint_for_change(user: AnyUser, pk: int) -> Complaint:
    """404 when the user cannot see it, 403 when they can see it but not act on it."""
    complaint = get_complaint_for_user(user, pk)
    if not can_change_complaint(user, complaint):
        raise PermissionDenied
    return complaint


def changeable_ids(user: AnyUser, complaints: list[Complaint]) -> set[int]:
    pks = [c.pk for c in complaints]
    return set(complaints_changeable_by(user).filter(pk__in=pks).values_list("pk", flat=True))


def can_view_routing(user: AnyUser) -> bool:
    """Everyone who works on complaints reads the routing rules (of their province; national
    viewers choose one)."""
    return can(user, Capability.VIEW_COMPLAINTS)


def can_see_every_province(user: AnyUser) -> bool:
    return can(user, Capability.SEE_EVERY_PROVINCE)


def can_manage_routing(user: AnyUser, province_id: int | None) -> bool:
    """DoST officers of the province (and system administrators) edit its routing rules."""
    if province_id is None or not isinstance(user, User):
        return False
    if not can(user, Capability.MANAGE_ROUTING_RULES):
        return False
    return can_see_every_province(user) or user.province_id == province_id


def can_open_disclosure_requests(user: AnyUser) -> bool:
    """Custodians decide disclosure requests; handlers follow the ones they sent."""
    return can(user, Capability.DECIDE_IDENTITY_DISCLOSURE) or can(
        user, Capability.HANDLE_COMPLAINTS
    )


# --- Citizens, through their receipt ----------------------------------------------------------


def get_complaint_for_receipt(code: str) -> Complaint | None:
    """The complaint a receipt code opens, or None. Marks the receipt used."""
    code_hash = hash_code(code)
    if not code_hash:
        return None
    receipt = Receipt.objects.select_related("complaint").filter(code_hash=code_hash).first()
    if receipt is None:
        return None
    Receipt.objects.filter(pk=receipt.pk).update(last_used_at=timezone.now())
    return receipt.complaint


# --- Identity -----------------------------------------------------------------------------------


@sensitive_variables()
def store_identity(complaint: Complaint, identity: Identity, *, wants_email_updates: bool) -> None:
    """Seal and store a reporter's identity in its own table (called by submission only)."""
    ring = load_keyring()
    Reporter.objects.create(
        complaint=complaint,
        sealed_identity=seal(identity, complaint_id=complaint.pk, keyring=ring),
        key_id=ring.current.key_id,
        wants_email_updates=wants_email_updates and bool(identity.email),
    )


def can_request_disclosure(user: AnyUser, complaint: Complaint) -> bool:
    return not complaint.is_anonymous and can_change_complaint(user, complaint)


def can_decide_disclosure(user: AnyUser, request: IdentityDisclosureRequest) -> bool:
    """A custodian of the complaint's province, who is not the one asking (the requester and
    the decider are always two people, even when one person holds both roles)."""
    return (
        isinstance(user, User)
        and can(user, Capability.DECIDE_IDENTITY_DISCLOSURE)
        and user.province_id is not None
        and user.province_id == request.complaint.province_id
        and request.requested_by_id != user.pk
    )


def get_disclosure_request_for_user(user: AnyUser, pk: int) -> IdentityDisclosureRequest:
    """Custodians of the province and the requester see a request; 404 for anyone else."""
    mine = disclosure_requests_by(user).filter(pk=pk).first()
    if mine is not None:
        return mine
    return get_object_or_404(disclosure_requests_for_custodian(user), pk=pk)


def approved_disclosure(user: AnyUser, complaint: Complaint) -> IdentityDisclosureRequest | None:
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    return (
        IdentityDisclosureRequest.objects.filter(
            complaint=complaint,
            requested_by=user,
            status=IdentityDisclosureRequest.Status.APPROVED,
            expires_at__gt=timezone.now(),
        )
        .order_by("-decided_at")
        .first()
    )


@sensitive_variables()
def identity_for_user(user: AnyUser, complaint: Complaint) -> Identity | None:
    """The reporter's identity for this user, or None ('not for you'). Every view is audited."""
    if complaint.is_anonymous:
        return None
    if not complaints_visible_to(user).filter(pk=complaint.pk).exists():
        return None
    approval = approved_disclosure(user, complaint)
    if approval is None:
        return None
    stored = Reporter.objects.filter(complaint=complaint).first()
    if stored is None:
        return None
    identity = unseal(stored.sealed_identity, complaint_id=complaint.pk)
    record(
        actor=user,
        action="complaint.identity_viewed",
        target=complaint,
        data={"disclosure_request": approval.pk},
    )
    return identity


# --- Keys -------------------------------------------------------------------------------------


def identity_key_usage() -> Counter[str]:
    """How many sealed identities each key id holds."""
    return Counter(Reporter.objects.values_list("key_id", flat=True))


@sensitive_variables()
def reseal_identities(*, keyring: Keyring | None = None, batch_size: int = 200) -> int:
    """Re-encrypt every identity not sealed with the current key; returns how many."""
    ring = keyring or load_keyring()
    current = ring.current.key_id
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                Reporter.objects.select_for_update()
                .exclude(key_id=current)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return done
            for stored in batch:
                identity = unseal(stored.sealed_identity, complaint_id=stored.pk, keyring=ring)
                stored.sealed_identity = seal(identity, complaint_id=stored.pk, keyring=ring)
                stored.key_id = current
            Reporter.objects.bulk_update(batch, ["sealed_identity", "key_id"])
            done += len(batch)
