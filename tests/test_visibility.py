"""Finding 3: a submitter links only published entries or their own institution's, on every
path (form, crafted POST by id, import), and learns nothing of other institutions' drafts; links
they cannot see are kept by their saves."""

from http import HTTPStatus
from pathlib import Path

import pytest

from catalogue.models import CaseStudy, Component, PendingChange
from catalogue.publiccode.importer import import_publiccode
from tests import factories
from tests.admin_forms import form_data, get_form, make_user

pytestmark = pytest.mark.django_db
ADMIN = "/admin/catalogue"

VALID = Path(__file__).parent / "data" / "publiccode" / "valid.yml"


def publiccode(name="Imported thing", slug="imported-thing", dependency="Nothing"):
    """The tests' valid publiccode.yml, renamed, with one dependency."""
    text = VALID.read_text()
    text = text.replace("name: Formulaire Exemple", f"name: {name}", 1)
    text = text.replace("formulaire-exemple.git", f"{slug}.git")
    return text + f'dependsOn:\n  open:\n    - name: "{dependency}"\n'


@pytest.fixture
def world():
    a = factories.institution(slug="inst-a", name="Institution A", acronym="INSTA")
    b = factories.institution(slug="inst-b", name="Institution B", acronym="INSTB")
    return {
        "a": a,
        "b": b,
        "sub_a": make_user("sub-a", institutions=[a]),
        "sub_b": make_user("sub-b", institutions=[b]),
        "editor": make_user("editor", editor=True),
        "a_draft": factories.draft_component(name="A draft", owner=a),
        "a_pub": factories.component(name="A published", owner=a),
        "b_secret": factories.draft_component(name="B secret draft", owner=b),
        "b_pub": factories.component(name="B published", owner=b),
    }


def change_url(obj):
    return f"{ADMIN}/{obj._meta.model_name}/{obj.pk}/change/"


@pytest.mark.parametrize("field", ["depends_on", "related"])
def test_a_draft_of_another_institution_cannot_be_linked_by_id(client, world, field):
    entry = world["a_draft"]
    client.force_login(world["sub_a"])
    data = get_form(client, change_url(entry), **{field: [str(world["b_secret"].pk)]})
    response = client.post(change_url(entry), data)
    assert response.status_code == HTTPStatus.OK
    assert "B secret draft" not in response.content.decode()
    assert not getattr(entry, field).exists()
    # A published entry of B and A's own draft are fine.
    data = get_form(
        client, change_url(entry), **{field: [str(world["b_pub"].pk), str(world["a_pub"].pk)]}
    )
    assert client.post(change_url(entry), data).status_code == HTTPStatus.FOUND
    assert set(getattr(entry, field).values_list("name", flat=True)) == {
        "B published",
        "A published",
    }


def test_case_study_components_follow_the_same_rule(client, world):
    case = factories.case_study(institution=world["a"], publication="draft")
    client.force_login(world["sub_a"])
    data = get_form(client, change_url(case), components=[str(world["b_secret"].pk)])
    assert client.post(change_url(case), data).status_code == HTTPStatus.OK
    assert not case.components.exists()
    data = get_form(client, f"{ADMIN}/casestudy/add/")
    data.update(
        {
            "title": "T",
            "slug": "t",
            "summary": "S",
            "institution": str(world["a"].pk),
            "components": [str(world["b_secret"].pk)],
        }
    )
    assert client.post(f"{ADMIN}/casestudy/add/", data).status_code == HTTPStatus.OK
    assert not CaseStudy.objects.filter(slug="t").exists()


def test_the_other_side_of_a_symmetrical_link_sees_no_draft_name_and_keeps_it(client, world):
    ours, theirs = world["a_draft"], world["b_pub"]
    ours.related.add(theirs)  # allowed: theirs is published
    client.force_login(world["sub_b"])
    # B edits its own published entry: the form does not show A's draft...
    response = client.get(change_url(theirs))
    assert "A draft" not in response.content.decode()
    # ... and B's save, a change for review of a published entry, keeps the link.
    client.post(change_url(theirs), form_data(response, short_description="New words."))
    pending = PendingChange.objects.get()
    assert "related" not in pending.data
    client.force_login(world["editor"])
    client.post(f"{ADMIN}/pendingchange/{pending.pk}/change/", {"_approve": "1"})
    assert list(theirs.related.values_list("name", flat=True)) == ["A draft"]
    assert Component.objects.get(pk=theirs.pk).short_description == "New words."


def test_a_drafts_links_it_cannot_see_are_kept(client, world):
    theirs = world["b_secret"]
    ours = world["a_draft"]
    ours.depends_on.add(theirs)  # made by an editor, or when theirs was published
    client.force_login(world["sub_a"])
    response = client.get(change_url(ours))
    assert "B secret draft" not in response.content.decode()
    client.post(change_url(ours), form_data(response, name="A draft, renamed"))
    ours.refresh_from_db()
    assert ours.name == "A draft, renamed"
    assert list(ours.depends_on.all()) == [theirs]


def test_autocomplete_offers_only_linkable_entries(client, world):
    client.force_login(world["sub_a"])
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "catalogue",
            "model_name": "casestudy",
            "field_name": "components",
            "term": "",
        },
    )
    names = {row["text"] for row in response.json()["results"]}
    assert names == {"A draft", "A published", "B published"}


def test_import_links_only_linkable_dependencies_and_reveals_nothing(world):
    result = import_publiccode(
        publiccode(dependency="B secret draft"), institution=world["a"], source="x.yml"
    )
    assert result.ok, result.report.errors
    assert not result.component.depends_on.exists()
    # (other notes: categories the import created)
    assert [n for n in result.notes if n.startswith("dependencies")] == [
        "dependencies not in the catalogue: B secret draft"
    ]
    unknown = import_publiccode(
        publiccode(name="Other thing", slug="other", dependency="No such thing"),
        institution=world["a"],
        source="y.yml",
    )
    # The same words for a draft that exists elsewhere and for a name nobody uses.
    assert unknown.notes == ["dependencies not in the catalogue: No such thing"]
    published = import_publiccode(
        publiccode(name="Third", slug="third", dependency="B published"),
        institution=world["a"],
        source="z.yml",
    )
    assert list(published.component.depends_on.values_list("name", flat=True)) == ["B published"]
