"""The door of the conformity app. A business reaches its own declarations (drafts included);
officers those of their province once filed; readers see filed ones of their reach. Drafts are
never seen by anyone but their business. 404 for "missing" and "not yours" alike."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.permissions import restrict
from tdc.conformity.models import Declaration, DeclarationDocument


def declarations_for_user(user: AnyUser | None) -> QuerySet[Declaration]:
    if not can(user, Capability.READ_DECLARATIONS):
        return Declaration.objects.none()
    reachable = restrict(Declaration.objects.select_related("organisation", "standard"), user)
    if can(user, Capability.FILE_DECLARATIONS):
        return reachable  # the business's own, drafts included
    return reachable.exclude(status=Declaration.Status.DRAFT)


def get_declaration_for_user(user: AnyUser | None, pk: int) -> Declaration:
    return get_object_or_404(declarations_for_user(user), pk=pk)


def get_declaration_to_edit(user: AnyUser | None, pk: int) -> Declaration:
    """The business's own draft, or a dossier sent back for more: the only ones it may change."""
    if not can(user, Capability.FILE_DECLARATIONS):
        return get_object_or_404(Declaration.objects.none(), pk=pk)
    editable = restrict(Declaration.objects.all(), user, action="change").filter(
        status__in=(Declaration.Status.DRAFT, Declaration.Status.MORE_INFO)
    )
    return get_object_or_404(editable, pk=pk)


def get_declaration_to_process(user: AnyUser | None, pk: int) -> Declaration:
    if not can(user, Capability.PROCESS_DECLARATIONS):
        return get_object_or_404(Declaration.objects.none(), pk=pk)
    processable = restrict(Declaration.objects.all(), user, action="change").exclude(
        status=Declaration.Status.DRAFT
    )
    return get_object_or_404(processable, pk=pk)


def get_document_for_user(user: AnyUser | None, pk: int, document_pk: int) -> DeclarationDocument:
    declaration = get_declaration_for_user(user, pk)
    return get_object_or_404(declaration.documents.all(), pk=document_pk)


def get_public_declaration(pk: int) -> Declaration:
    from tdc.conformity.queries import public_declarations

    return get_object_or_404(public_declarations(), pk=pk)
