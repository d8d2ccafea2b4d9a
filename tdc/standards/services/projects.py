"""Standards projects (a QCĐP such as clean water, a TCVN proposal such as bird's-nest
products): stages, documents, comments from agencies and businesses, the linked plan task."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.text import clean_text
from tdc.core.uploads import MB, UploadLimits, check_size, check_upload
from tdc.plans.queries.links import linked_task
from tdc.standards.models import Project, ProjectComment, ProjectDocument, ProjectStep

ORDER = [stage for stage, _label in Project.Stage.choices]
PDF_LIMITS = UploadLimits(max_bytes=20 * MB)
DOCX_LIMITS = UploadLimits(max_bytes=20 * MB, zip_based=True, max_uncompressed_bytes=100 * MB)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _task_id(task_id: int | None, province_id: int) -> int | None:
    if task_id is None:
        return None
    task = linked_task(task_id)
    if task is None or task.province_id != province_id:
        raise ValidationError(_("Không tìm thấy nhiệm vụ này trong kế hoạch của tỉnh."))
    return task.pk


@transaction.atomic
def create_project(
    *,
    kind: str,
    title: str,
    description: str,
    due_on: dt.date | None,
    plan_task_id: int | None,
    by: User,
) -> Project:
    organisation = by.organisation
    if organisation is None or organisation.province_id is None:
        raise ValidationError(_("Tài khoản chưa gắn với cơ quan của tỉnh."))
    project = Project(
        province_id=organisation.province_id,
        organisation=organisation,
        created_by=by,
        kind=kind,
        title=clean_text(title, keep_newlines=False).strip(),
        description=clean_text(description).strip(),
        stage_due_on=due_on,
        plan_task_id=_task_id(plan_task_id, organisation.province_id),
    )
    project.full_clean()
    project.save()
    ProjectStep.objects.create(project=project, stage=project.stage, due_on=due_on, by=by)
    record(actor=by, action="standards.project_created", target=project)
    return project


@transaction.atomic
def advance_project(
    project: Project,
    *,
    stage: str,
    due_on: dt.date | None,
    note: str,
    by: User,
    issued_number: str = "",
) -> Project:
    """Move to the next stage (or back to drafting after comments or appraisal)."""
    current = ORDER.index(project.stage)
    target = ORDER.index(stage)
    back_to_drafting = stage == Project.Stage.DRAFTING and project.stage in (
        Project.Stage.COMMENTS,
        Project.Stage.APPRAISAL,
    )
    if target != current + 1 and not back_to_drafting:
        raise ValidationError(
            _("Không chuyển được từ “%(old)s” sang “%(new)s”.")
            % {"old": Project.Stage(project.stage).label, "new": Project.Stage(stage).label}
        )
    if stage == Project.Stage.COMMENTS and due_on is None:
        raise ValidationError(_("Hãy nêu hạn góp ý."))
    issued_number = clean_text(issued_number, keep_newlines=False).strip()
    if stage == Project.Stage.ISSUED and not issued_number:
        raise ValidationError(_("Hãy nêu số hiệu của văn bản ban hành."))
    previous = project.stage
    project.stage = stage
    project.stage_due_on = due_on
    if stage == Project.Stage.COMMENTS:
        project.comments_open_until = due_on
    if stage == Project.Stage.ISSUED:
        project.issued_number = issued_number
    project.full_clean()
    project.save()
    ProjectStep.objects.create(
        project=project, stage=stage, due_on=due_on, note=clean_text(note).strip(), by=by
    )
    record(
        actor=by,
        action="standards.project_stage_changed",
        target=project,
        data={"from": previous, "to": stage},
    )
    return project


@transaction.atomic
def link_project_task(project: Project, *, plan_task_id: int | None, by: User) -> Project:
    project.plan_task_id = _task_id(plan_task_id, project.province_id)
    project.save(update_fields=["plan_task_id", "updated_at"])
    record(actor=by, action="standards.project_linked", target=project, data={"task": plan_task_id})
    return project


def check_document_size(size: int) -> None:
    """A project document's size, before it is read whole (its kind and a DOCX's unpacked
    size are checked on its bytes by `add_project_document`)."""
    check_size(size, PDF_LIMITS)


def _content_type(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        check_upload(data, PDF_LIMITS)
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        check_upload(data, DOCX_LIMITS)
        return DOCX
    raise ValidationError(_("Chỉ nhận tệp PDF hoặc DOCX."))


@transaction.atomic
def add_project_document(
    project: Project, *, title: str, data: bytes, filename: str, by: User
) -> ProjectDocument:
    content_type = _content_type(data)
    document = ProjectDocument(
        project=project,
        stage=project.stage,
        title=clean_text(title, keep_newlines=False).strip() or filename[:300],
        original_name=clean_text(filename, keep_newlines=False).strip()[:255],
        content_type=content_type,
        size=len(data),
        uploaded_by=by,
    )
    extension = "pdf" if content_type == "application/pdf" else "docx"
    document.file.save(f"du-an-{project.pk}.{extension}", ContentFile(data), save=False)
    document.full_clean()
    document.save()
    record(
        actor=by,
        action="standards.project_document_added",
        target=project,
        data={"title": document.title},
    )
    return document


@transaction.atomic
def comment_on_project(project: Project, *, text: str, by: User) -> ProjectComment:
    """An agency's or business's comment, while comments are open."""
    today = timezone.localdate()
    if project.stage != Project.Stage.COMMENTS or (
        project.comments_open_until is not None and today > project.comments_open_until
    ):
        raise ValidationError(_("Dự thảo này hiện không lấy ý kiến."))
    if by.organisation is None:
        raise ValidationError(_("Tài khoản chưa gắn với cơ quan, doanh nghiệp nào."))
    text = clean_text(text).strip()
    if not text:
        raise ValidationError(_("Hãy nhập ý kiến."))
    comment = ProjectComment(project=project, organisation=by.organisation, author=by, text=text)
    comment.full_clean()
    comment.save()
    record(actor=by, action="standards.project_commented", target=project)
    return comment
