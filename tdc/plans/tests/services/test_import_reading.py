"""Reading an uploaded plan in the worker: the limits checked before any parser (on upload and
again in the worker), the draft's states, the lease that keeps one draft from being read twice
at once, and the drafts whose worker died, queued again by the scheduler or by the officer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from tdc.core.models import AuditEvent
from tdc.core.registry import periodic_jobs
from tdc.plans.models import Plan, PlanImportDraft
from tdc.plans.services.importing import (
    MAX_PARSE_ATTEMPTS,
    PARSE_LEASE,
    create_import_draft,
    discard_import_draft,
    import_plan_document,
    parse_import_draft,
    requeue_stalled_drafts,
    retry_import_draft,
)
from tdc.plans.tests.factories import HANOI, PlanImportDraftFactory, small_plan_bytes, zip_bomb

MB = 1024 * 1024
TOO_MUCH_XML = "Nội dung tệp khi giải nén quá lớn (51 MB). Tối đa 50 MB."


@pytest.fixture(autouse=True)
def at_nine(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def province(officer):
    return officer.organisation.province


def _upload(province, officer, data=None, filename="ke-hoach.txt"):
    return create_import_draft(
        province, data=small_plan_bytes() if data is None else data, filename=filename, by=officer
    )


def _stored_draft(province, officer, data: bytes, filename: str) -> PlanImportDraft:
    """A draft being read whose stored file never passed the upload checks (written before
    they existed, or by another path): the worker must check it itself."""
    draft = PlanImportDraftFactory(
        province=province,
        uploaded_by=officer,
        source_filename=filename,
        status=PlanImportDraft.Status.PARSING,
    )
    draft.source_file.save(filename, ContentFile(data))
    return draft


# --- Limits, before any parser ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zip_bomb(unpacked=51 * MB), TOO_MUCH_XML),
        (zip_bomb(members=501), "Tệp có quá nhiều thành phần bên trong (501). Tối đa 500."),
        (b"PK" + b"x" * (10 * MB), "Tệp quá lớn (10,1 MB). Tối đa 10 MB."),
    ],
    ids=["unpacked-size", "members", "file-size"],
)
def test_an_upload_over_the_limits_is_refused_with_the_limit_and_nothing_written(
    province, officer, data, message
):
    with pytest.raises(ValidationError) as caught:
        _upload(province, officer, data, "ke-hoach.docx")

    assert caught.value.messages == [message]
    assert not PlanImportDraft.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_worker_checks_the_limits_before_parsing_a_stored_file(province, officer):
    draft = _stored_draft(province, officer, zip_bomb(unpacked=51 * MB), "bom.docx")

    assert parse_import_draft(draft.pk) == PlanImportDraft.Status.FAILED

    draft.refresh_from_db()
    assert (draft.status, draft.error, draft.parsed) == (
        PlanImportDraft.Status.FAILED,
        TOO_MUCH_XML,
        {},
    )


def test_the_command_line_import_checks_the_limits_too(province, officer):
    with pytest.raises(ValidationError) as caught:
        import_plan_document(
            province, data=zip_bomb(unpacked=51 * MB), filename="bom.docx", by=officer
        )

    assert caught.value.messages == [TOO_MUCH_XML]
    assert not Plan.objects.exists()


# --- Reading in the worker ----------------------------------------------------------------------


def test_an_upload_is_kept_being_read_and_its_reading_queued_after_commit(
    province, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        draft = _upload(province, officer)

    assert (draft.status, draft.parsed, draft.parse_token) == (
        PlanImportDraft.Status.PARSING,
        {},
        "",
    )
    assert len(callbacks) == 1  # the worker's job, once the draft is committed
    callbacks[0]()  # the immediate backend runs the job here
    draft.refresh_from_db()
    assert draft.status == PlanImportDraft.Status.PENDING
    assert [t["number"] for t in draft.parsed["tasks"]] == ["1", "2", "1"]
    assert (draft.parse_token, draft.parse_expires_at, draft.parse_attempts) == ("", None, 1)
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "plan_import.uploaded",
        "plan_import.draft_created",
    ]


def test_a_draft_held_by_a_live_worker_is_not_read_again(province, officer, time_machine):
    draft = _upload(province, officer)
    # What a worker that took the draft a minute ago leaves while it reads.
    PlanImportDraft.objects.filter(pk=draft.pk).update(parse_token="worker-a", parse_attempts=1)

    assert parse_import_draft(draft.pk) is None

    draft.refresh_from_db()
    assert (draft.status, draft.parse_token, draft.parse_attempts) == (
        PlanImportDraft.Status.PARSING,
        "worker-a",
        1,
    )
    with pytest.raises(ValidationError) as caught:
        retry_import_draft(draft, by=officer)
    assert caught.value.messages == [
        "Tệp vẫn đang được đọc, chưa thể thử lại. Nếu sau 10 phút vẫn chưa xong, hệ thống sẽ "
        "tự đọc lại."
    ]
    assert requeue_stalled_drafts() == 0


def test_the_scheduler_queues_again_a_draft_whose_worker_died(
    province, officer, time_machine, django_capture_on_commit_callbacks
):
    draft = _upload(province, officer)
    PlanImportDraft.objects.filter(pk=draft.pk).update(parse_token="dead", parse_attempts=1)
    time_machine.shift(PARSE_LEASE + dt.timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stalled_drafts() == 1

    draft.refresh_from_db()
    assert (draft.status, draft.parse_attempts) == (PlanImportDraft.Status.PENDING, 2)
    assert AuditEvent.objects.filter(action="plan_import.parse_requeued").count() == 1
    assert requeue_stalled_drafts() == 0
    assert "plans.requeue_stalled_import_drafts" in {job.name for job in periodic_jobs()}


def test_the_officer_retries_a_draft_whose_worker_died_and_the_dead_worker_keeps_nothing(
    province, officer, time_machine, django_capture_on_commit_callbacks
):
    draft = _upload(province, officer)
    PlanImportDraft.objects.filter(pk=draft.pk).update(parse_token="dead", parse_attempts=1)
    time_machine.shift(PARSE_LEASE + dt.timedelta(seconds=1))
    draft.refresh_from_db()
    assert draft.parse_stalled

    with django_capture_on_commit_callbacks() as callbacks:
        retry_import_draft(draft, by=officer)
    # The worker that was thought dead wakes up and finishes: its lease is gone, it keeps nothing.
    from tdc.plans.services.importing.drafts import _finish_parse

    assert not _finish_parse(draft.pk, "dead", status=PlanImportDraft.Status.FAILED, error="x")
    for callback in callbacks:
        callback()

    draft.refresh_from_db()
    assert (draft.status, draft.error, draft.parse_attempts) == (
        PlanImportDraft.Status.PENDING,
        "",
        2,
    )
    assert AuditEvent.objects.get(action="plan_import.parse_retried").actor == officer


def test_a_draft_whose_worker_died_every_time_fails_with_a_message(province, officer, time_machine):
    draft = _upload(province, officer)
    PlanImportDraft.objects.filter(pk=draft.pk).update(
        parse_token="dead", parse_attempts=MAX_PARSE_ATTEMPTS
    )
    time_machine.shift(PARSE_LEASE + dt.timedelta(seconds=1))

    assert parse_import_draft(draft.pk) == PlanImportDraft.Status.FAILED

    draft.refresh_from_db()
    assert draft.error == (
        "Không đọc xong được tệp sau 3 lần thử. Hãy tải tệp lên lại; nếu vẫn không được, hãy "
        "báo quản trị viên hệ thống."
    )


def test_a_draft_discarded_while_being_read_stays_discarded(province, officer):
    draft = _upload(province, officer)

    discard_import_draft(draft, by=officer)

    assert parse_import_draft(draft.pk) is None
    draft.refresh_from_db()
    assert (draft.status, draft.parsed) == (PlanImportDraft.Status.DISCARDED, {})
