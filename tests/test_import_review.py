"""Finding 4: a publiccode.yml import never bypasses review. It matches only the importing
institution's entries; a match on a published entry becomes a pending change (the entry stays
online, unchanged), a match on a draft a new version of it; it never renames or unpublishes."""

from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.models import Component, PendingChange, Publication
from catalogue.publiccode.importer import import_publiccode
from catalogue.review import workflow
from tests import factories
from tests.admin_forms import make_user

pytestmark = pytest.mark.django_db
VALID = (Path(__file__).parent / "data" / "publiccode" / "valid.yml").read_bytes()


@pytest.fixture
def owners():
    return factories.institution(slug="inst-a"), factories.institution(slug="inst-b")


def published_entry(owner, **fields):
    fields = {"name": "Formulaire Exemple", "short_description": "The published words.", **fields}
    return factories.component(slug="formulaire-exemple", owner=owner, **fields)


def test_a_match_on_a_published_entry_becomes_a_pending_change(client, owners):
    a, _b = owners
    entry = published_entry(a, name="Our official name")
    entry.source_code_url = "https://code.example.org/formulaire-exemple.git"
    entry.save()
    result = import_publiccode(VALID, institution=a, source="valid.yml")
    assert result.ok and result.proposed and not result.created
    entry.refresh_from_db()
    assert entry.publication == Publication.PUBLISHED
    assert entry.name == "Our official name" and entry.short_description == "The published words."
    page = client.get(entry.get_absolute_url())
    assert page.status_code == HTTPStatus.OK
    pending = PendingChange.objects.get()
    assert "name" not in pending.data  # never renamed
    assert not {"name_en", "name_fr", "name_nl", "language"} & set(pending.data)
    # The file's French text is proposed as the entry's French text (issue 11).
    assert pending.data["short_description_fr"].startswith("Un moteur de formulaires")
    assert pending.base["short_description_fr"] is None


def test_a_match_by_slug_on_another_institutions_entry_touches_nothing(owners):
    a, b = owners
    theirs = published_entry(b)
    result = import_publiccode(VALID, institution=a, source="valid.yml")
    assert result.ok and result.created
    assert result.component.owner == a and result.component.pk != theirs.pk
    assert result.component.publication == Publication.DRAFT
    theirs.refresh_from_db()
    assert theirs.short_description == "The published words." and theirs.is_published
    assert not PendingChange.objects.exists()
    assert not any("inst-b" in str(problem) for problem in result.report.errors)


def test_a_match_on_a_draft_is_a_new_version_and_keeps_its_name(owners):
    a, _b = owners
    draft = factories.draft_component(name="Formulaire Exemple", slug="formulaire-exemple", owner=a)
    draft.name = "Our draft name"
    draft.save()
    version = Component.objects.get(pk=draft.pk).version
    result = import_publiccode(VALID, institution=a, source="valid.yml")
    assert result.ok and not result.created and not result.proposed
    draft.refresh_from_db()
    assert draft.name == "Our draft name"
    # French text goes to the French column; the entry keeps its language (issue 11).
    assert draft.short_description_fr.startswith("Un moteur de formulaires")
    assert draft.version == version + 1 and draft.publication == Publication.DRAFT


def test_the_admin_upload_of_a_submitter_proposes_a_change(client, owners):
    a, _b = owners
    entry = published_entry(a)
    user = make_user("sub-a", institutions=[a])
    client.force_login(user)
    response = client.post(
        "/admin/catalogue/component/import-publiccode/",
        {"file": SimpleUploadedFile("publiccode.yml", VALID), "institution": a.pk},
    )
    assert response.status_code == HTTPStatus.FOUND
    pending = PendingChange.objects.get()
    assert pending.submitted_by == user and pending.object_id == entry.pk
    entry.refresh_from_db()
    assert entry.is_published and entry.short_description == "The published words."


def test_a_command_import_links_its_institutions_draft_once_approved(owners):
    a, _b = owners
    entry = published_entry(a)
    factories.draft_component(name="Our own draft", owner=a)
    content = VALID + b'dependsOn:\n  open:\n    - name: "Our own draft"\n'
    result = import_publiccode(content, institution=a, source="valid.yml")  # no user: a command
    assert result.proposed
    pending = PendingChange.objects.get()
    editor = make_user("editor", editor=True)
    workflow.approve(pending, by=editor)
    assert list(entry.depends_on.values_list("name", flat=True)) == ["Our own draft"]
