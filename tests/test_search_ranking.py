"""Search ranking through its public interface: the catalogue page (/components/?q=) and the API
(/api/components/?q=), which share one FilterSet and must agree.

The intended relevance (catalogue/search/engine.py): every term must occur in the entry's
search text (name, short and long descriptions, technologies, categories); for each term, a
match in the name counts most, then one in the short description, then one anywhere else. Ties
are ordered by name. Case and accents are folded on both sides.

Names are chosen so that alphabetical order differs from the expected ranking: a test passes
only when the ranking, not the name, decides.
"""

from http import HTTPStatus

import pytest

from tests import factories
from tests.pagetext import result_names, results_heading

pytestmark = pytest.mark.django_db


def ranked(client, query, **params):
    """The names found for ``query``, in order, on the page and through the API (which must
    agree)."""
    response = client.get("/components/", {"q": query, **params})
    assert response.status_code == HTTPStatus.OK
    on_page = result_names(response.content.decode())
    response = client.get("/api/components/", {"q": query, **params})
    assert response.status_code == HTTPStatus.OK
    data = response.json()
    in_api = [entry["name"] for entry in data["results"]]
    assert on_page == in_api, (query, on_page, in_api)
    assert data["count"] == len(in_api)
    return on_page


def test_a_name_match_beats_a_short_description_match_beats_a_match_elsewhere(client):
    factories.component(name="Zulu Archiving Hub", short_description="Stores things.")
    factories.component(name="Mike Store", short_description="Long-term archiving of records.")
    factories.component(
        name="Bravo Box", short_description="Keeps files.", long_description="Used for archiving."
    )
    factories.component(
        name="Alpha Tool",
        short_description="Keeps data.",
        technologies=[factories.technology(name="Archiving DB")],
    )
    factories.component(name="Charlie", short_description="Has nothing to do with it.")
    assert ranked(client, "archiving") == [
        "Zulu Archiving Hub",  # in the name
        "Mike Store",  # in the short description
        "Bravo Box",  # in the long description
        "Alpha Tool",  # only in a technology
    ]


def test_a_category_match_in_any_language_ranks_like_a_long_description_match(client):
    category = factories.category(name="Archiving", name_fr="Archivage", name_nl="Archivering")
    factories.component(name="Zulu Store", categories=[category])
    factories.component(name="Yankee", short_description="Archivage légal.")
    factories.component(name="Alpha", short_description="Other.")
    # The category's French and Dutch names find it, as the short description finds Yankee.
    assert set(ranked(client, "archivage")) == {"Yankee", "Zulu Store"}
    assert "Zulu Store" in ranked(client, "archivering")


def test_every_term_must_match_and_more_matched_fields_rank_higher(client):
    factories.component(name="Zulu Records Archiving", short_description="Keeps things.")
    factories.component(name="Yankee Archiving", short_description="Keeps records.")
    factories.component(
        name="X-ray Archiving", short_description="Keeps files.", long_description="Has records."
    )
    factories.component(name="Alpha", short_description="Archiving and records.")
    factories.component(name="Bravo Archiving", short_description="No second term.")
    factories.component(name="Charlie", short_description="Only records here.")
    found = ranked(client, "archiving records")
    assert found[:2] == [
        "Zulu Records Archiving",  # both terms in the name
        "Yankee Archiving",  # one in the name, one in the short description
    ]
    # One in the name and one in the long description; both in the short description.
    assert set(found[2:]) == {"X-ray Archiving", "Alpha"}
    # The order of the terms does not matter.
    assert ranked(client, "records archiving") == ranked(client, "archiving records")
    # A term found nowhere leaves nothing, however well the others match.
    assert ranked(client, "archiving records nowhere") == []


def test_equal_relevance_is_ordered_by_name(client):
    for name in ["Archiving 3", "Archiving 1", "Archiving 2"]:
        factories.component(name=name, short_description="Same.")
    assert ranked(client, "archiving") == ["Archiving 1", "Archiving 2", "Archiving 3"]


def test_an_explicit_sort_overrides_relevance(client):
    factories.component(name="Zulu Archiving", short_description="A.")
    factories.component(name="Alpha", short_description="Archiving.")
    assert ranked(client, "archiving") == ["Zulu Archiving", "Alpha"]
    assert ranked(client, "archiving", sort="name") == ["Alpha", "Zulu Archiving"]
    assert ranked(client, "archiving", sort="relevance") == ["Zulu Archiving", "Alpha"]


@pytest.mark.parametrize(
    "query",
    ["systeme", "SYSTEME", "Système", "SYSTÈME", "sYsTeMe FlUx", "système flux"],
)
def test_accents_and_case_are_folded_in_the_query(client, query):
    factories.component(name="Système Flux", short_description="Échange de données.")
    factories.component(name="Symphony", short_description="Other.")
    assert ranked(client, query) == ["Système Flux"]
    html = client.get("/components/", {"q": query}).content.decode()
    assert results_heading(html) == "1 component"


@pytest.mark.parametrize("query", ["archivage", "ARCHIVAGE", "Archivage", "archivàge"])
def test_accents_and_case_are_folded_in_the_entries(client, query):
    factories.component(name="ARCHIVAGE Légal", short_description="Conserve.")
    factories.component(name="Zulu", short_description="Service d'ARCHIVÂGE électronique.")
    factories.component(name="Alpha", short_description="Autre chose.")
    assert ranked(client, query) == ["ARCHIVAGE Légal", "Zulu"]


def test_a_draft_is_never_found(client):
    factories.draft_component(name="Archiving draft")
    factories.component(name="Archiving published")
    assert ranked(client, "archiving") == ["Archiving published"]
