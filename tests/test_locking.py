"""Finding 5: no lost update. Edit forms carry the version they were opened on; a save over a
newer version is refused with the differences; approving a pending change applies only its
fields and is refused when one of them changed since; unpublish settles a waiting change."""

from http import HTTPStatus

import pytest

from catalogue.models import Component, PendingChange, StaleVersion
from catalogue.models.pending import PendingStatus
from catalogue.review import workflow
from tests import factories
from tests.admin_forms import form_data, get_form, make_user

pytestmark = pytest.mark.django_db
ADMIN = "/admin/catalogue"


@pytest.fixture
def world():
    a = factories.institution(slug="inst-a", name="Institution A", acronym="INSTA")
    return {
        "a": a,
        "entry": factories.component(name="Entry", owner=a, short_description="Old words."),
        "sub": make_user("sub-a", institutions=[a]),
        "editor": make_user("editor", editor=True),
        "other_editor": make_user("editor-2", editor=True),
    }


def url(entry):
    return f"{ADMIN}/component/{entry.pk}/change/"


def test_a_form_opened_earlier_cannot_overwrite_a_later_save(client, world):
    entry = world["entry"]
    client.force_login(world["editor"])
    earlier = client.get(url(entry))  # opened, then left open
    client.force_login(world["other_editor"])
    client.post(url(entry), get_form(client, url(entry), short_description="Later words."))
    client.force_login(world["editor"])
    response = client.post(url(entry), form_data(earlier, name="Renamed"))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Someone saved this entry after you opened it" in html
    # The differences: the other editor's value is shown next to this form's.
    assert "Later words." in html and "Old words." in html
    entry.refresh_from_db()
    assert (entry.name, entry.short_description) == ("Entry", "Later words.")


def test_a_submitters_stale_form_proposes_nothing(client, world):
    entry = world["entry"]
    client.force_login(world["sub"])
    earlier = client.get(url(entry))
    client.force_login(world["editor"])
    client.post(url(entry), get_form(client, url(entry), short_description="Editor's words."))
    client.force_login(world["sub"])
    response = client.post(url(entry), form_data(earlier, name="Mine"))
    assert response.status_code == HTTPStatus.OK
    assert not PendingChange.objects.exists()


def test_a_form_without_its_version_is_refused(client, world):
    entry = world["entry"]
    client.force_login(world["editor"])
    data = get_form(client, url(entry), name="Renamed")
    del data["based_on_version"]
    assert client.post(url(entry), data).status_code == HTTPStatus.OK
    entry.refresh_from_db()
    assert entry.name == "Entry"


def test_two_saves_racing_past_the_form_check(world):
    first = Component.objects.get(pk=world["entry"].pk)
    second = Component.objects.get(pk=world["entry"].pk)
    first.expect_version(first.version)
    first.name = "First"
    first.save()
    second.expect_version(second.version)
    second.name = "Second"
    with pytest.raises(StaleVersion):
        second.save()
    assert Component.objects.get(pk=first.pk).name == "First"


def propose(client, world, **changes):
    entry = world["entry"]
    client.force_login(world["sub"])
    client.post(url(entry), get_form(client, url(entry), **changes))
    return PendingChange.objects.get()


def test_approving_applies_only_the_fields_the_change_sets(client, world):
    pending = propose(client, world, short_description="Proposed words.")
    client.force_login(world["editor"])
    entry = world["entry"]
    client.post(url(entry), get_form(client, url(entry), name="Editor's name"))
    client.post(f"{ADMIN}/pendingchange/{pending.pk}/change/", {"_approve": "1"})
    entry.refresh_from_db()
    assert (entry.name, entry.short_description) == ("Editor's name", "Proposed words.")
    assert not PendingChange.objects.exists()


def test_approving_over_a_newer_value_of_the_same_field_is_refused(client, world):
    pending = propose(client, world, short_description="Proposed words.")
    client.force_login(world["editor"])
    entry = world["entry"]
    client.post(url(entry), get_form(client, url(entry), short_description="Editor's words."))
    page = client.get(f"{ADMIN}/pendingchange/{pending.pk}/change/").content.decode()
    assert "changed since the proposal" in page
    response = client.post(
        f"{ADMIN}/pendingchange/{pending.pk}/change/", {"_approve": "1"}, follow=True
    )
    assert "changed since this change was proposed" in response.content.decode()
    entry.refresh_from_db()
    assert entry.short_description == "Editor's words."
    assert PendingChange.objects.get().status == PendingStatus.SUBMITTED
    # The bulk action says the same, and applies nothing.
    client.post(f"{ADMIN}/pendingchange/", {"action": "approve", "_selected_action": [pending.pk]})
    entry.refresh_from_db()
    assert entry.short_description == "Editor's words."


def test_unpublish_settles_a_waiting_change(client, world):
    pending = propose(client, world, short_description="Proposed words.")
    client.force_login(world["editor"])
    entry = world["entry"]
    client.post(f"{ADMIN}/component/", {"action": "unpublish", "_selected_action": [entry.pk]})
    pending.refresh_from_db()
    assert pending.status == PendingStatus.REJECTED and pending.review_note
    client.post(url(entry), get_form(client, url(entry), name="Edited while a draft"))
    client.post(f"{ADMIN}/component/", {"action": "publish", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.is_published
    assert (entry.name, entry.short_description) == ("Edited while a draft", "Old words.")
    assert not PendingChange.objects.exists()


def test_reject_settles_the_change_and_keeps_the_entry(client, world):
    pending = propose(client, world, short_description="Proposed words.")
    editor = world["editor"]
    with pytest.raises(workflow.WorkflowError):
        workflow.reject_change(pending, by=editor, reason="  ")
    workflow.reject(world["entry"], by=editor, reason="Keep the wording.")
    pending.refresh_from_db()
    assert pending.status == PendingStatus.REJECTED
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(pending, by=editor)
    world["entry"].refresh_from_db()
    assert world["entry"].short_description == "Old words."


def test_a_second_edit_extends_the_waiting_change(client, world):
    propose(client, world, short_description="Proposed words.")
    pending = propose(client, world, name="Proposed name")
    # Translated fields are proposed per language (the entry is written in English).
    assert pending.data == {"short_description_en": "Proposed words.", "name_en": "Proposed name"}
    assert pending.base == {"short_description_en": "Old words.", "name_en": "Entry"}
