"""Component search through its public interfaces (FilterSet, page, API), on the database the
tests run on: SQLite by default, PostgreSQL through tests/test_search_postgres.py."""

from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils.text import slugify

from catalogue.models import Component, Publication, SearchDocument, SearchTerm
from catalogue.search.filters import ComponentFilterSet
from tests import factories

pytestmark = pytest.mark.django_db


def search(query, **params):
    data = QueryDict(urlencode({"q": query, **params}))
    filterset = ComponentFilterSet(data, queryset=Component.objects.published())
    return [component.slug for component in filterset.qs]


def api_slugs(client, **params):
    response = client.get("/api/components/", params)
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["slug"] for row in response.json()["results"]]


FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do"


def _text(word=None):
    # Fields of equal length in every entry, so that only where the word is decides the rank.
    return f"{word} {FILLER}" if word else f"vacat {FILLER}"


@pytest.fixture
def by_field():
    """One component per field holding the word "zephyr"."""
    owner = factories.institution(name="Neutral Office", acronym="NO")
    made = {}
    for field in ("name", "short", "long", "tags", "owner"):
        technology = factories.technology(name="Zephyr" if field == "tags" else f"Tech {field}")
        made[field] = factories.component(
            name=f"Zephyr {field}" if field == "name" else f"{field.title()} entry",
            slug=field,
            short_description=_text("zephyr" if field == "short" else None),
            long_description=_text("zephyr" if field == "long" else None),
            technologies=[technology],
            owner=factories.institution(name="Zephyr Agency", acronym="ZA")
            if field == "owner"
            else owner,
        )
    return made


def test_ranking_follows_the_field_that_matches(by_field):
    assert search("zephyr") == ["name", "short", "long", "tags", "owner"]


def test_more_terms_matching_in_a_heavier_field_rank_higher():
    factories.component(
        name="Portal gateway", slug="both", short_description=_text(), long_description=_text()
    )
    factories.component(
        name="Portal thing",
        slug="one",
        short_description=_text(),
        long_description=_text("gateway"),
    )
    factories.component(
        name="Other thing", slug="none", short_description=_text("portal"),
        long_description=_text("gateway"),
    )  # fmt: skip
    assert search("portal gateway") == ["both", "one", "none"]


def test_words_match_whole_not_as_substrings():
    factories.component(
        slug="eid", name="Card reader", technologies=[factories.technology(name="eID")]
    )
    factories.component(slug="ident", name="Registry", short_description="Identifiant unique.")
    assert search("eid") == ["eid"]
    assert search("EID") == ["eid"]
    assert search("ident") == []


def test_every_term_must_match():
    factories.component(slug="a", name="Archive", short_description="Pour les fichiers.")
    factories.component(slug="b", name="Archive", short_description="Pour les images.")
    assert search("archive fichiers") == ["a"]
    assert search("archive nothinglikethis") == []


def test_stemming_and_accents_on_both_sides():
    factories.component(slug="decl", name="Déclarations trimestrielles")
    for query in ("déclaration", "DECLARATIONS", "declaration trimestrielle"):
        assert search(query) == ["decl"], query


def test_a_query_without_words_matches_nothing():
    factories.component(slug="a")
    assert search("%") == []
    assert search("!!") == []


def test_relevance_is_the_default_order_with_a_query_and_name_without(client):
    factories.component(name="Alpha", slug="alpha", short_description="Uses the gateway.")
    factories.component(name="Gateway", slug="gateway")
    assert search("gateway") == ["gateway", "alpha"]
    assert search("gateway", sort="name") == ["alpha", "gateway"]
    assert search("") == ["alpha", "gateway"]
    assert api_slugs(client, q="gateway") == ["gateway", "alpha"]
    # The sort menu does not pin "Name" when nothing was chosen, so a new query is ranked.
    for params in ({}, {"q": "gateway"}):
        html = client.get(reverse("catalogue:component-list"), params).content.decode()
        assert '<option value="relevance" selected>' in html
    html = client.get(reverse("catalogue:component-list"), {"sort": "name"}).content.decode()
    assert '<option value="name" selected>' in html


def test_name_order_ignores_case_and_accents(client):
    names = ["Zeta", "eBox", "Dimona", "ACSY", "Déclaration", "Elasticms", "élan"]
    for name in names:
        factories.component(name=name, slug=slugify(name))
    expected = ["ACSY", "Déclaration", "Dimona", "eBox", "élan", "Elasticms", "Zeta"]
    data = QueryDict("sort=name")
    ordered = ComponentFilterSet(data, queryset=Component.objects.published()).qs
    assert [c.name for c in ordered] == expected
    response = client.get("/api/components/", {"sort": "name"})
    assert [row["name"] for row in response.json()["results"]] == expected


def test_the_name_order_key_follows_every_rename(client):
    first = factories.component(name="Zulu", slug="renamed", language="fr")
    factories.component(name="Mike", slug="middle")
    assert first.sort_name == "zulu"
    first.name = "Àlpha"
    first.save(update_fields=["name"])  # a partial save keeps the key too
    first.refresh_from_db()
    assert first.sort_name == "alpha"
    response = client.get("/api/components/", {"sort": "name"})
    assert [row["slug"] for row in response.json()["results"]] == ["renamed", "middle"]
    # Another language's name is not the entry's own: it does not move the entry.
    first.name_en = "Yankee"
    first.save()
    first.refresh_from_db()
    assert first.sort_name == "alpha"
    # The stored description length follows a partial save of the description too.
    first.long_description = "  Twelve chars  "
    first.save(update_fields=["long_description"])
    first.refresh_from_db()
    assert first.description_length == len("Twelve chars")


# ---- nothing unpublished --------------------------------------------------------------------


@pytest.fixture
def hidden():
    onss = factories.institution()
    return [
        factories.component(slug=f"hidden-{state}", name=f"Quokkaware {state}", owner=onss,
                            short_description="Zanzibarisation", publication=state)
        for state in (Publication.DRAFT, Publication.SUBMITTED, Publication.REJECTED)
    ]  # fmt: skip


def test_unpublished_entries_are_never_found(client, hidden):
    for query in ("quokkaware", "zanzibarisation", "quokkawar", "quokkaware draft"):
        assert search(query) == [], query
        assert api_slugs(client, q=query) == [], query
    assert not SearchDocument.objects.exists()
    # Their words are not in the vocabulary: no correction, no suggestion reveals them.
    assert not SearchTerm.objects.filter(term__in=["quokkaware", "zanzibarisation"]).exists()
    html = client.get(reverse("catalogue:component-list"), {"q": "quokkawere"}).content.decode()
    assert "quokkaware" not in html.lower()


def test_publishing_and_withdrawing_show_at_once(hidden):
    draft = hidden[0]
    draft.publication = Publication.PUBLISHED
    draft.save()
    assert search("zanzibarisation") == [draft.slug]
    assert SearchTerm.objects.get(term="zanzibarisation").documents == 1
    draft.publication = Publication.DRAFT
    draft.save(update_fields=["publication"])
    assert search("zanzibarisation") == []
    assert not SearchTerm.objects.filter(term="zanzibarisation").exists()


# ---- index upkeep ---------------------------------------------------------------------------


def test_renaming_a_technology_category_or_owner_updates_the_index():
    owner = factories.institution(name="Office One", acronym="OO")
    tech = factories.technology(name="Blorbix")
    category = factories.category(name="Widgets", name_nl="Blauwdruk")
    factories.component(slug="c", owner=owner, technologies=[tech], categories=[category])
    assert search("blorbix") == search("blauwdruk") == search("office") == ["c"]
    tech.name = "Quuxly"
    tech.save()
    category.name_nl = "Gadgetten"
    category.save()
    owner.name, owner.acronym = "Bureau Two", "BT"
    owner.save()
    assert search("blorbix") == search("blauwdruk") == search("office") == []
    assert search("quuxly") == search("gadgetten") == search("bureau") == search("BT") == ["c"]


def test_tag_changes_update_the_index():
    tech = factories.technology(name="Blorbix")
    one = factories.component(slug="one")
    two = factories.component(slug="two")
    one.technologies.add(tech)
    two.technologies.set([tech])
    assert search("blorbix") == ["one", "two"]
    one.technologies.remove(tech)
    assert search("blorbix") == ["two"]
    two.technologies.clear()
    assert search("blorbix") == []
    one.technologies.add(tech)
    tech.delete()  # links deleted without m2m signals
    assert search("blorbix") == []
    assert not SearchTerm.objects.filter(term="blorbix").exists()


def test_deleting_a_component_forgets_its_words():
    component = factories.component(slug="gone", name="Frobnicator")
    factories.component(slug="stays", name="Frobnicator two")
    assert SearchTerm.objects.get(term="frobnicator").documents == 2
    component.delete()
    assert SearchTerm.objects.get(term="frobnicator").documents == 1
    assert search("frobnicator") == ["stays"]


def test_rebuilding_gives_the_same_index():
    factories.component(
        slug="a", name="Archive électronique", technologies=[factories.technology()]
    )
    factories.component(slug="b", name="Signature")
    before = {t.term: t.documents for t in SearchTerm.objects.all()}
    documents = list(SearchDocument.objects.order_by("pk").values())
    call_command("rebuild_search_index", stdout=None)
    assert {t.term: t.documents for t in SearchTerm.objects.all()} == before
    assert list(SearchDocument.objects.order_by("pk").values()) == documents
    assert search("archive") == ["a"]


# ---- typos and "did you mean" ---------------------------------------------------------------


def test_typos_are_corrected_silently_when_close():
    factories.component(slug="z", name="Zephyr", short_description="Interoperability layer.")
    assert search("zephyyr") == ["z"]
    assert search("interoperabilitx") == ["z"]


def test_did_you_mean_on_an_empty_result(client):
    factories.component(slug="z", name="Zephyr", short_description="Interoperability layer.")
    url = reverse("catalogue:component-list")
    html = client.get(url, {"q": "interoperabiliteet", "kind": "component"}).content.decode()
    assert "0 components" in html
    assert "Did you mean:" in html
    assert '<a href="?q=interoperability&amp;kind=component">interoperability</a>' in html
    html = client.get(url, {"q": "zepherr layer"}).content.decode()
    assert ">zephyr layer</a>" in html
    # Nothing close: no suggestion.
    html = client.get(url, {"q": "qqqqqqqq"}).content.decode()
    assert "Did you mean" not in html


# ---- highlighting ---------------------------------------------------------------------------


def test_results_highlight_matched_words_safely(client):
    factories.component(
        slug="x",
        name='<script>alert("name")</script> Zephyr',
        short_description="<img src=x onerror=alert(1)> zephyrs & co",
    )
    html = client.get(reverse("catalogue:component-list"), {"q": "zephyr"}).content.decode()
    assert "<mark>Zephyr</mark>" in html and "<mark>zephyrs</mark>" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in html
    # A query holding markup is shown escaped.
    html = client.get(
        reverse("catalogue:component-list"), {"q": '"><svg onload=alert(1)>'}
    ).content.decode()
    assert "<svg" not in html


# ---- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 200])
def test_search_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    owner = factories.institution()
    tech = factories.technology(name="Java")
    for n in range(count):
        factories.component(
            slug=f"c{n}",
            name=f"Formulaire {n}",
            owner=owner,
            technologies=[tech],
            short_description="Gestion des formulaires électroniques.",
        )
    url = reverse("catalogue:component-list")
    # A known word; a typo (one more query: the vocabulary's close words); an empty result
    # with its suggestion (no further query).
    for query, most in (("formulaires", 13), ("formulaira java", 14), ("formulairrre zzz", 14)):
        with django_assert_max_num_queries(most):
            response = client.get(url, {"q": query, "kind": "component"})
        assert response.status_code == HTTPStatus.OK
    # The API request also reads and writes its throttle count in the database cache (7 at most).
    with django_assert_max_num_queries(9 + 7):
        client.get("/api/components/", {"q": "formulaira"})


def test_search_uses_the_index():
    """The search query reads the back end's index structure (FTS5 table or GIN tsvector)."""
    factories.component(slug="a", name="Archive")
    recorder = _Recorder()
    with connection.execute_wrapper(recorder):
        assert search("archive") == ["a"]
    sql = " ".join(recorder.sql)
    if connection.vendor == "sqlite":
        assert "catalogue_search_fts" in sql and "MATCH" in sql
    else:
        assert "@@ to_tsquery('simple'" in sql


class _Recorder:
    def __init__(self):
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def test_an_empty_index_is_filled_after_migrate():
    from catalogue.search.index import ensure_built

    factories.component(slug="a", name="Archive")
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    assert search("archive") == []
    ensure_built()
    assert search("archive") == ["a"]


def test_as_you_type_the_last_word_completes_through_the_filterset_and_the_api(client):
    factories.component(
        name="Keycloak", slug="keycloak", short_description="Identity and access management."
    )
    factories.component(name="Keynote", slug="keynote", short_description="Slides.")
    factories.component(name="Camunda", slug="camunda", short_description="Process engine.")
    # Word-level search: the start of a word finds nothing, unless asked to complete it.
    assert search("keyc") == []
    assert search("keyc", complete="true") == ["keycloak"]
    assert search("access keyc", complete="true") == ["keycloak"]  # earlier words stay whole
    assert sorted(search("key", complete="true")) == ["keycloak", "keynote"]
    assert api_slugs(client, q="keyc", complete="true") == ["keycloak"]
