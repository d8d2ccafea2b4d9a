"""The standards API's catalogue-import and project routes × every persona.

Each route has a row in `EXPECTED` (`tdc.core.testing.endpoints.ApiMatrix`). Reads are called
by everyone; a write only by the personas it must refuse (an allowed persona is ALLOWED and not
called — the round-trip tests call it), and the world must be unchanged afterwards: a write
that lets an outsider through fails the test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tdc.accounts.services import issue_api_token
from tdc.core.testing.endpoints import ALLOWED, TOKEN, ApiMatrix, Form, Rules
from tdc.standards.api.catalogue import router as catalogue_router
from tdc.standards.api.projects import router as projects_router
from tdc.standards.models import CatalogueImport, Project, ProjectComment
from tdc.standards.services.catalogue import read_catalogue_file
from tdc.standards.services.projects import add_project_document, advance_project, create_project
from tdc.standards.tests.personas import PERSONAS, expect

pytestmark = pytest.mark.django_db

UPLOAD = Form(lambda: {"title": "Tệp", "file": SimpleUploadedFile("tep.csv", b"%PDF-1.4 matrix")})

EVERYONE = expect(200, anonymous=TOKEN)
# A draft open for comments: the province's organisations, the officers and monitors of its
# reach; another province's officer does not reach it.
PROJECT = {**EVERYONE, "other_province_officer": 404}
MANAGE = {**expect(403, anonymous=TOKEN), "officer": ALLOWED, "admin_user": ALLOWED}
MANAGE_ONE = {**MANAGE, "other_province_officer": 404}
COMMENT = {
    **expect(ALLOWED, anonymous=TOKEN),
    "ministry_viewer": 403,  # reads the draft, is not of the province
    "other_province_officer": 404,
}
IMPORTS = {**expect(403, anonymous=TOKEN), "officer": 200, "admin_user": 200}
IMPORT = {**expect(404, anonymous=TOKEN), "officer": 200, "admin_user": 200}
IMPORT_WRITES = {**MANAGE, "other_province_officer": 404}

EXPECTED: Rules = {
    "list_catalogue_imports": (None, None, {**IMPORTS, "other_province_officer": 200}),
    "upload_catalogue_file": (None, UPLOAD, {**MANAGE, "other_province_officer": ALLOWED}),
    "get_catalogue_import": ("import", None, IMPORT),
    "list_rejected_rows": ("import", None, IMPORT),
    "apply_catalogue_import": ("import", {}, IMPORT_WRITES),
    "discard_catalogue_import": ("import", {}, IMPORT_WRITES),
    "list_projects": (None, None, EVERYONE),
    "create_project": (
        None,
        {"kind": "qcdp", "title": "Dự án khác"},
        {**MANAGE, "other_province_officer": ALLOWED},
    ),
    "get_project": ("project", None, PROJECT),
    "update_project": ("project", {"plan_task_id": None}, MANAGE_ONE),
    "list_project_steps": ("project", None, PROJECT),
    "advance_project": ("project", {"stage": "appraisal"}, MANAGE_ONE),
    "list_project_documents": ("project", None, PROJECT),
    "add_project_document": ("project", UPLOAD, MANAGE_ONE),
    "download_project_document": ("project", None, PROJECT),
    "list_project_comments": ("project", None, PROJECT),
    "comment_on_project": ("project", {"text": "Góp ý thử"}, COMMENT),
}
MATRIX = ApiMatrix(
    prefix="/api/v1/standards",
    routers=[catalogue_router, projects_router],
    rules=EXPECTED,
    personas=PERSONAS,
    issue_token=lambda user: issue_api_token(user, name="matrix")[1],
    fill={"document_pk": lambda world: world["document"].pk},
    skip={"list_standards"},  # the public catalogue search, tested in test_api.py
)


@pytest.fixture
def world(officer):
    project = create_project(
        kind="qcdp",
        title="QCĐP về chất lượng nước sạch",
        description="",
        due_on=None,
        plan_task_id=None,
        by=officer,
    )
    advance_project(project, stage="drafting", due_on=None, note="", by=officer)
    advance_project(
        project,
        stage="comments",
        due_on=timezone.localdate() + dt.timedelta(days=30),
        note="",
        by=officer,
    )
    document = add_project_document(
        project, title="Dự thảo", data=b"%PDF-1.4 du thao", filename="du-thao.pdf", by=officer
    )
    catalogue_import = read_catalogue_file(
        "Số hiệu,Tên tiếng Việt\nTCVN 4193:2014,Cà phê nhân\n,Không số hiệu\n".encode(),
        filename="danh-muc.csv",
        by=officer,
    )
    return {"project": project, "document": document, "import": catalogue_import}


def test_every_new_route_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_from_every_route(client, world, persona, request):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert MATRIX.wrong_statuses(client, world, persona, user) == {}, persona
    project = Project.objects.get(pk=world["project"].pk)
    assert (project.stage, project.documents.count(), ProjectComment.objects.count()) == (
        "comments",
        1,
        0,
    )
    assert list(CatalogueImport.objects.values_list("status", flat=True)) == ["preview"]
    assert Project.objects.count() == 1
