"""Roles through the admin's real views: a submitter of institution A gets nothing of B's."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from catalogue.models import CaseStudy, Category, Component, Membership, PendingChange, Project
from catalogue.review.groups import ensure_role_groups
from tests import factories

pytestmark = pytest.mark.django_db
ADMIN = "/admin/catalogue"


def make_user(username, group, institution=None):
    ensure_role_groups()
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    if institution:
        Membership.objects.create(user=user, institution=institution)
    return user


@pytest.fixture
def world():
    a = factories.institution(name="Institution A", acronym="INSTA", slug="inst-a")
    b = factories.institution(name="Institution B", acronym="INSTB", slug="inst-b")
    w = {
        "a": a,
        "b": b,
        "editor": make_user("editor", settings.EDITORS_GROUP),
        "sub_a": make_user("sub-a", settings.SUBMITTERS_GROUP, a),
        "sub_b": make_user("sub-b", settings.SUBMITTERS_GROUP, b),
        "a_draft": factories.draft_component(name="A draft", owner=a),
        "a_pub": factories.component(name="A published", owner=a, short_description="Old text."),
        "b_draft": factories.draft_component(name="B secret draft", owner=b),
        "b_pub": factories.component(name="B published", owner=b),
        "b_case": factories.case_study(title="B draft case", institution=b, publication="draft"),
        "b_project": factories.project(name="B project", clients=[b]),
    }
    return w


def login(client, user):
    client.force_login(user)
    return client


def component_form(obj, **changes):
    data = {
        # Texts per language (name_en, name_fr, ...); a change of "name" is one of the text
        # in the entry's own language.
        **{f"{field}_{code}": obj.text_in(field, code)
           for field in obj.translated_fields for code in ("en", "fr", "nl")},
        "language": obj.language, "slug": obj.slug, "kind": obj.kind,
        "owner": obj.owner_id, "lifecycle": obj.lifecycle, "licence": obj.licence,
        "reuse_conditions": obj.reuse_conditions, "website_url": "", "documentation_url": "",
        "source_code_url": "", "support_name": "", "support_email": "", "support_url": "",
        "relative_cost": "", "source": obj.source,
        "reuses-TOTAL_FORMS": "0", "reuses-INITIAL_FORMS": "0",
        "publication": obj.publication, "review_note": obj.review_note,
        # The version the form was opened on (optimistic locking): the stored one.
        "based_on_version": type(obj).objects.get(pk=obj.pk).version if obj.pk else "",
    }  # fmt: skip
    for field in obj.translated_fields:
        if field in changes:
            changes[f"{field}_{obj.language}"] = changes.pop(field)
    data.update(changes)
    return data


# --- no read, no change, no delete of another institution's entries ------------------------


@pytest.mark.parametrize("target", ["b_draft", "b_pub"])
@pytest.mark.parametrize("suffix", ["change/", "delete/"], ids=["change", "delete"])
def test_submitter_cannot_open_another_institutions_component(client, world, target, suffix):
    # Out of the submitter's queryset, the entry does not exist for them: the admin's
    # "doesn't exist" redirect to its index, which names no entry.
    login(client, world["sub_a"])
    obj = world[target]
    response = client.get(f"{ADMIN}/component/{obj.pk}/{suffix}")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"
    page = client.get(response["Location"]).content.decode()
    assert f"Component with ID “{obj.pk}” doesn’t exist. Perhaps it was deleted?" in page
    assert obj.name not in page


@pytest.mark.parametrize("target", ["b_draft", "b_pub"])
def test_submitter_cannot_read_another_institutions_history(client, world, target):
    login(client, world["sub_a"])
    obj = world[target]
    response = client.get(f"{ADMIN}/component/{obj.pk}/history/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert obj.name not in response.content.decode()


def test_submitter_cannot_change_or_delete_by_crafted_posts(client, world):
    login(client, world["sub_a"])
    target = world["b_pub"]
    client.post(f"{ADMIN}/component/{target.pk}/change/", component_form(target, name="Hijacked"))
    client.post(f"{ADMIN}/component/{target.pk}/delete/", {"post": "yes"})
    client.post(
        f"{ADMIN}/component/",
        {
            "action": "delete_selected",
            "_selected_action": [target.pk, world["b_draft"].pk],
            "post": "yes",
        },
    )
    target.refresh_from_db()
    assert target.name == "B published"
    assert Component.objects.filter(pk=world["b_draft"].pk).exists()
    assert not PendingChange.objects.exists()


def test_changelists_show_only_own_entries(client, world):
    login(client, world["sub_a"])
    html = client.get(f"{ADMIN}/component/").content.decode()
    assert "A draft" in html and "A published" in html
    assert "B secret draft" not in html and "B published" not in html
    assert "B project" not in client.get(f"{ADMIN}/project/").content.decode()
    assert "B draft case" not in client.get(f"{ADMIN}/casestudy/").content.decode()
    assert (
        client.get(f"{ADMIN}/project/{world['b_project'].pk}/change/").status_code
        == HTTPStatus.FOUND
    )
    assert (
        client.get(f"{ADMIN}/casestudy/{world['b_case'].pk}/change/").status_code
        == HTTPStatus.FOUND
    )


def test_submitter_cannot_create_for_another_institution(client, world):
    login(client, world["sub_a"])
    page = client.get(f"{ADMIN}/component/add/").content.decode()
    owner_select = page.split('name="owner"')[1].split("</select>")[0]
    assert "INSTA" in owner_select and "INSTB" not in owner_select
    response = client.post(
        f"{ADMIN}/component/add/",
        component_form(world["a_draft"], name="Sneaky", slug="sneaky", owner=world["b"].pk),
    )
    assert response.status_code == HTTPStatus.OK  # the form again, with an error
    assert not Component.objects.filter(slug="sneaky").exists()
    response = client.post(
        f"{ADMIN}/project/add/",
        {"name_en": "P", "language": "en", "slug": "p", "year": 2021, "clients": [world["b"].pk],
         "reuses-TOTAL_FORMS": 0, "reuses-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert not Project.objects.filter(slug="p").exists()


def test_submitter_cannot_move_an_entry_to_another_institution(client, world):
    login(client, world["sub_a"])
    entry = world["a_draft"]
    client.post(f"{ADMIN}/component/{entry.pk}/change/", component_form(entry, owner=world["b"].pk))
    entry.refresh_from_db()
    assert entry.owner == world["a"]


def test_new_entries_of_submitters_are_drafts_even_if_they_post_published(client, world):
    login(client, world["sub_a"])
    client.post(
        f"{ADMIN}/component/add/",
        component_form(world["a_draft"], name="New", slug="new-one", publication="published"),
    )
    assert Component.objects.get(slug="new-one").publication == "draft"


def test_submitter_cannot_publish(client, world):
    login(client, world["sub_a"])
    entry = world["a_draft"]
    client.post(f"{ADMIN}/component/", {"action": "publish", "_selected_action": [entry.pk]})
    client.post(
        f"{ADMIN}/component/{entry.pk}/change/", component_form(entry, publication="published")
    )
    entry.refresh_from_db()
    assert entry.publication == "draft"


def test_submitter_cannot_touch_taxonomies_institutions_or_users(client, world):
    login(client, world["sub_a"])
    assert client.get("/admin/catalogue/category/add/").status_code == HTTPStatus.FORBIDDEN
    client.post("/admin/catalogue/category/add/", {"name_en": "X", "slug": "x"})
    assert not Category.objects.filter(slug="x").exists()
    assert client.get("/admin/catalogue/institution/").status_code == HTTPStatus.FORBIDDEN
    assert (
        client.get(f"/admin/catalogue/institution/{world['b'].pk}/change/").status_code
        == HTTPStatus.FORBIDDEN
    )
    assert client.get("/admin/auth/user/").status_code == HTTPStatus.FORBIDDEN
    assert client.get("/admin/catalogue/membership/").status_code == HTTPStatus.FORBIDDEN
    assert client.get("/admin/catalogue/pendingchange/").status_code == HTTPStatus.FORBIDDEN
    assert client.get("/admin/catalogue/componentreuse/").status_code == HTTPStatus.FORBIDDEN


def test_autocomplete_offers_own_and_published_entries_never_others_drafts(client, world):
    login(client, world["sub_a"])
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "catalogue",
            "model_name": "component",
            "field_name": "depends_on",
            "term": "",
        },
    )
    assert response.status_code == HTTPStatus.OK
    names = {row["text"] for row in response.json()["results"]}
    assert {"A draft", "A published", "B published"} <= names
    assert "B secret draft" not in names
    # A case study's project: the submitter's institutions' projects only.
    factories.project(name="A project", clients=[world["a"]])
    for term, expected in [
        ("", ["A project (2020)"]),
        ("B", []),
        ("project", ["A project (2020)"]),
    ]:
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "catalogue", "model_name": "casestudy", "field_name": "project",
             "term": term},
        )  # fmt: skip
        assert response.status_code == HTTPStatus.OK
        assert [row["text"] for row in response.json()["results"]] == expected, term


def test_history_is_visible_for_own_entries_and_restore_is_for_editors(client, world):
    login(client, world["sub_a"])
    entry = world["a_draft"]
    assert client.get(f"{ADMIN}/component/{entry.pk}/history/").status_code == HTTPStatus.OK
    version = entry.history.earliest().history_id
    client.post(
        f"{ADMIN}/component/{entry.pk}/history/{version}/", component_form(entry, name="Reverted")
    )
    entry.refresh_from_db()
    assert entry.name == "A draft"
    # An editor restores an earlier version.
    login(client, world["editor"])
    old = entry.history.earliest()
    entry.name = "Renamed"
    entry.save()
    response = client.post(
        f"{ADMIN}/component/{entry.pk}/history/{old.history_id}/",
        component_form(entry, name=old.name, publication=old.publication, review_note=""),
    )
    assert response.status_code == HTTPStatus.FOUND
    entry.refresh_from_db()
    assert entry.name == "A draft"
    html = client.get(f"{ADMIN}/component/{entry.pk}/history/").content.decode()
    assert "editor" in html


# --- the workflow ------------------------------------------------------------------------------


# Mail leaves after the commit: a transactional test, so commits happen.
@pytest.mark.django_db(transaction=True)
def test_submit_review_reject_resubmit_publish(client, world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    entry = world["a_draft"]
    login(client, world["sub_a"])
    client.post(
        f"{ADMIN}/component/", {"action": "submit_for_review", "_selected_action": [entry.pk]}
    )
    entry.refresh_from_db()
    assert entry.publication == "submitted"
    assert (
        mail.outbox[-1].to == ["editor@example.org"]
        and "Review requested" in mail.outbox[-1].subject
    )

    login(client, world["editor"])
    queue = client.get(f"{ADMIN}/component/", {"review": "waiting"}).content.decode()
    assert "A draft" in queue and "A published" not in queue
    response = client.post(
        f"{ADMIN}/component/{entry.pk}/change/",
        component_form(entry, publication="rejected", review_note=""),
    )
    assert response.status_code == HTTPStatus.OK  # a reason is required
    client.post(
        f"{ADMIN}/component/{entry.pk}/change/",
        component_form(entry, publication="rejected", review_note="Add the support contact."),
    )
    entry.refresh_from_db()
    assert entry.publication == "rejected"
    assert mail.outbox[-1].to == ["sub-a@example.org"]
    assert "Add the support contact." in mail.outbox[-1].body

    login(client, world["sub_a"])
    html = client.get(f"{ADMIN}/component/{entry.pk}/change/").content.decode()
    assert "Add the support contact." in html
    client.post(
        f"{ADMIN}/component/", {"action": "submit_for_review", "_selected_action": [entry.pk]}
    )

    login(client, world["editor"])
    client.post(f"{ADMIN}/component/", {"action": "publish", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.publication == "published"
    assert "Published" in mail.outbox[-1].subject


# Mail leaves after the commit: a transactional test, so commits happen.
@pytest.mark.django_db(transaction=True)
def test_edit_of_a_published_entry_waits_for_review(client, world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    entry = world["a_pub"]
    login(client, world["sub_a"])
    client.post(
        f"{ADMIN}/component/{entry.pk}/change/",
        component_form(entry, short_description="New text."),
    )
    entry.refresh_from_db()
    assert entry.short_description == "Old text." and entry.publication == "published"
    assert PendingChange.objects.count() == 1
    public = client.get(entry.get_absolute_url()).content.decode()
    assert "Old text." in public and "New text." not in public

    login(client, world["editor"])
    queue = client.get(f"{ADMIN}/component/", {"review": "waiting"}).content.decode()
    assert "A published" in queue
    pending = PendingChange.objects.get()
    detail = client.get(f"/admin/catalogue/pendingchange/{pending.pk}/change/").content.decode()
    assert "New text." in detail
    client.post(
        "/admin/catalogue/pendingchange/", {"action": "approve", "_selected_action": [pending.pk]}
    )
    entry.refresh_from_db()
    assert entry.short_description == "New text." and entry.publication == "published"
    assert not PendingChange.objects.exists()


# Mail leaves after the commit: a transactional test, so commits happen.
@pytest.mark.django_db(transaction=True)
def test_editor_rejects_a_pending_change_with_a_reason(client, world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    entry = world["a_pub"]
    login(client, world["sub_a"])
    client.post(
        f"{ADMIN}/component/{entry.pk}/change/", component_form(entry, short_description="Bad.")
    )
    pending = PendingChange.objects.get()
    login(client, world["editor"])
    client.post(
        f"/admin/catalogue/pendingchange/{pending.pk}/change/",
        {"status": "rejected", "review_note": "Keep the official wording."},
    )
    pending.refresh_from_db()
    assert pending.status == "rejected"
    entry.refresh_from_db()
    assert entry.short_description == "Old text."
    assert "Keep the official wording." in mail.outbox[-1].body
    login(client, world["sub_a"])
    assert (
        "Keep the official wording."
        in client.get(f"{ADMIN}/component/{entry.pk}/change/").content.decode()
    )


def test_editor_sees_and_edits_everything(client, world):
    login(client, world["editor"])
    html = client.get(f"{ADMIN}/component/").content.decode()
    assert "A draft" in html and "B secret draft" in html
    assert client.get(f"{ADMIN}/institution/{world['b'].pk}/change/").status_code == HTTPStatus.OK
    assert client.get("/admin/catalogue/membership/add/").status_code == HTTPStatus.OK
    entry = world["b_draft"]
    client.post(
        f"{ADMIN}/component/{entry.pk}/change/", component_form(entry, name="Edited by editor")
    )
    entry.refresh_from_db()
    assert entry.name == "Edited by editor"


def test_case_study_workflow_and_scope(client, world):
    login(client, world["sub_b"])
    case = world["b_case"]
    client.post(
        f"{ADMIN}/casestudy/", {"action": "submit_for_review", "_selected_action": [case.pk]}
    )
    case.refresh_from_db()
    assert case.publication == "submitted"
    login(client, world["sub_a"])
    response = client.get(f"{ADMIN}/casestudy/{case.pk}/history/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "B draft case" not in response.content.decode()
    response = client.get(f"{ADMIN}/casestudy/{case.pk}/change/")
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")
    assert CaseStudy.objects.published().count() == 0
