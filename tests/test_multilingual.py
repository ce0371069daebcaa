"""Content in three languages: fallback to the entry's language, marked with ``lang`` and a
notice; the language in the URL; hreflang; the API's language; feeds, exports, admin, demo
loader and migrations; nothing unpublished in any language."""

import json
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from catalogue.models import CaseStudy, Category, Component, Institution, Project, Publication
from catalogue.models.multilingual import LocalizedText
from tests import factories
from tests.pagetext import content, sitemap_text

pytestmark = pytest.mark.django_db

NOTICE = "Not available in English: shown in its original language"


def institution(slug="onss", **texts):
    texts = {
        "name_fr": "Office National de Sécurité Sociale",
        "acronym_fr": "ONSS",
        "name_nl": "Rijksdienst voor Sociale Zekerheid",
        "acronym_nl": "RSZ",
        "name_en": "National Social Security Office",
        "acronym_en": "NSSO",
        **texts,
    }
    return Institution.objects.create(slug=slug, language="fr", **texts)


def component(owner, slug="aaas", publication=Publication.PUBLISHED, **texts):
    texts = {
        "name_fr": "Archivage électronique",
        "short_description_fr": "Service d'archivage à valeur probante.",
        "long_description_fr": "Conserve les **documents**.",
        "name_nl": "Elektronische archivering",
        "short_description_nl": "Archiveringsdienst met bewijskracht.",
        **texts,
    }
    return Component.objects.create(
        slug=slug,
        language="fr",
        kind="service",
        lifecycle="production",
        owner=owner,
        publication=publication,
        **texts,
    )


@pytest.fixture
def world():
    onss = institution()
    aaas = component(onss)
    draft = component(
        onss,
        slug="secret",
        publication=Publication.DRAFT,
        name_fr="Brouillon secret",
        name_nl="Geheim ontwerp",
        name_en="Secret draft",
        short_description_fr="Pas encore public.",
        short_description_nl="Nog niet openbaar.",
        short_description_en="Not public yet.",
    )
    project = Project.objects.create(
        slug="check-report",
        year=2020,
        language="fr",
        name_fr="Check report de paiement",
        summary_fr="Vérifier les paiements des employeurs.",
        name_nl="Controle van betalingen",
    )
    project.clients.set([onss])
    factories.reuse(project, aaas)
    case = CaseStudy.objects.create(
        slug="aaas-story",
        language="fr",
        institution=onss,
        publication=Publication.PUBLISHED,
        title_fr="AaaS : archivage",
        summary_fr="L'ONSS archive pour tous.",
        body_fr="Un service *mutualisé*.",
        title_en="AaaS: archiving",
        summary_en="The NSSO archives for everyone.",
    )
    case.components.set([aaas])
    category = Category.objects.create(
        slug="security", name_en="Security", name_fr="Sécurité", name_nl="Beveiliging"
    )
    aaas.categories.set([category])
    return {"onss": onss, "aaas": aaas, "draft": draft, "project": project, "case": case}


def get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return content(response).decode()


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


# --- the model: which text, in which language ------------------------------------------------


def test_visitor_language_then_the_entrys_own_then_any(world):
    aaas = world["aaas"]
    assert aaas.localized("name", "nl") == "Elektronische archivering"
    assert not aaas.localized("name", "nl").is_fallback
    english = aaas.localized("name", "en")
    assert (english, english.language, english.is_fallback) == (
        "Archivage électronique",
        "fr",
        True,
    )
    # Written in Dutch, no Dutch text: any other language, rather than nothing.
    only_english = component(world["onss"], slug="x", name_fr=None, name_nl=None, name_en="X")
    only_english.language = "nl"
    assert only_english.localized("name", "fr") == "X"
    assert only_english.localized("name", "fr").language == "en"
    # The plain attribute follows the same order.
    with translation.override("en"):
        assert aaas.name == "Archivage électronique"
    with translation.override("nl"):
        assert aaas.name == "Elektronische archivering"


def test_the_untranslated_column_keeps_the_entrys_own_text(world):
    aaas = world["aaas"]
    with translation.override("nl"):
        aaas.short_description_nl = "Nieuwe tekst."
        aaas.save()
    row = Component.objects.filter(pk=aaas.pk).values("name", "short_description").get()
    assert row == {
        "name": "Archivage électronique",
        "short_description": "Service d'archivage à valeur probante.",
    }
    # Queries on the field's own name read it, whatever the language.
    with translation.override("nl"):
        assert Component.objects.filter(name="Archivage électronique").exists()
        assert list(Institution.objects.order_by("name").values_list("name", flat=True)) == [
            "Office National de Sécurité Sociale"
        ]


def test_variants_and_missing_languages(world):
    aaas = world["aaas"]
    assert aaas.variants("name") == {
        "fr": "Archivage électronique",
        "nl": "Elektronische archivering",
    }
    assert aaas.missing_languages() == ["en", "nl"]  # nl lacks the long description
    assert world["onss"].missing_languages() == []


def test_required_texts_are_required_in_the_entrys_language(world):
    from django.core.exceptions import ValidationError

    aaas = world["aaas"]
    aaas.language = "en"
    with pytest.raises(ValidationError) as error:
        aaas.full_clean()
    assert {"name_en", "short_description_en"} <= set(error.value.message_dict)


def test_localized_text_survives_pickling():
    import pickle

    text = LocalizedText("Sécurité", "fr", "en")
    again = pickle.loads(pickle.dumps(text))  # noqa: S301 (our own data: a cache round trip)
    assert (again, again.language, again.is_fallback) == ("Sécurité", "fr", True)


def test_institutions_have_official_names_and_acronyms_per_language(world):
    onss = world["onss"]
    assert str(onss.localized("short_name", "nl")) == "RSZ"
    assert str(onss.localized("short_name", "en")) == "NSSO"
    assert str(onss.localized("display_name", "fr")) == "Office National de Sécurité Sociale (ONSS)"
    with translation.override("nl"):
        assert str(onss) == "RSZ"


# --- pages: fallback marked with lang and a notice -------------------------------------------


def test_component_page_marks_the_fallback_and_says_so(client, world):
    html = get(client, world["aaas"].get_absolute_url())
    assert '<title lang="fr">Archivage électronique' in html
    assert '<meta name="description" lang="fr" content="Service d&#x27;archivage' in html
    assert '<h1 lang="fr">Archivage électronique</h1>' in html
    assert '<p class="lead" lang="fr">' in html
    assert '<div class="prose" lang="fr"><p>Conserve les <strong>documents</strong>' in html
    assert html.count(NOTICE) >= 1
    assert "(French)" in html
    # Institution names in the visitor's language: NSSO, not ONSS.
    assert "National Social Security Office (NSSO)" in html and "ONSS" not in html


def test_a_page_in_the_entrys_language_has_no_notice(client, world):
    html = get(client, url_in("fr", "catalogue:component-detail", "aaas"))
    assert '<html lang="fr">' in html
    assert "<h1>Archivage électronique</h1>" in html
    assert 'lang="fr">Archivage' not in html
    assert "translation-notice" not in html


def test_dutch_page_shows_dutch_text_and_marks_only_what_is_missing(client, world):
    html = get(client, url_in("nl", "catalogue:component-detail", "aaas"))
    assert "<h1>Elektronische archivering</h1>" in html
    assert '<p class="lead">Archiveringsdienst met bewijskracht.</p>' in html
    # No Dutch long description: the French one, marked.
    assert '<div class="prose" lang="fr">' in html
    assert "translation-notice" in html
    assert "Rijksdienst voor Sociale Zekerheid (RSZ)" in html
    assert "Beveiliging" in html


@pytest.mark.parametrize(
    ("name", "args", "fallback"),
    [
        ("catalogue:home", [], '<a href="/components/aaas/"><span lang="fr">Archivage'),
        ("catalogue:component-list", [], '<span lang="fr">Archivage électronique</span>'),
        ("catalogue:institution-detail", ["onss"], '<span lang="fr">Archivage électronique'),
        ("catalogue:project-list", [], '<span lang="fr">Check report de paiement</span>'),
        ("catalogue:project-detail", ["check-report"], '<h1 lang="fr">Check report de paiement'),
        ("catalogue:casestudy-list", [], '<a href="/components/aaas/"><span lang="fr">Archivage'),
        ("catalogue:casestudy-detail", ["aaas-story"], '<div class="prose" lang="fr">'),
    ],
)
def test_every_page_type_marks_fallbacks_and_shows_a_notice(client, world, name, args, fallback):
    html = get(client, reverse(name, args=args))
    assert fallback in html
    assert NOTICE in html


def test_case_study_in_english_uses_its_english_texts(client, world):
    html = get(client, reverse("catalogue:casestudy-detail", args=["aaas-story"]))
    assert "<h1>AaaS: archiving</h1>" in html
    assert '<p class="lead">The NSSO archives for everyone.</p>' in html
    assert '<div class="prose" lang="fr"><p>Un service <em>mutualisé</em>' in html


def test_facets_name_owners_and_categories_in_the_visitors_language(client, world):
    html = get(client, url_in("nl", "catalogue:component-list"))
    facets = html.split('class="facets"')[1].split("</aside>")[0]
    assert "Rijksdienst voor Sociale Zekerheid (RSZ)" in facets
    assert "Beveiliging" in facets


def test_institution_list_in_each_language(client, world):
    assert "Rijksdienst voor Sociale Zekerheid (RSZ)" in get(
        client, url_in("nl", "catalogue:institution-list")
    )
    assert "National Social Security Office (NSSO)" in get(
        client, url_in("en", "catalogue:institution-list")
    )


# --- language in the URL, switcher, hreflang ---------------------------------------------------


def test_language_is_in_the_url_and_english_has_no_prefix(client, world):
    assert reverse("catalogue:component-detail", args=["aaas"]) == "/components/aaas/"
    assert url_in("fr", "catalogue:component-detail", "aaas") == "/fr/components/aaas/"
    assert url_in("nl", "catalogue:roi-method") == "/nl/roi/method/"
    for prefix, language in (("", "en"), ("/fr", "fr"), ("/nl", "nl")):
        response = client.get(f"{prefix}/components/", HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Language"] == language
        assert f'<html lang="{language}">' in response.content.decode()
    assert client.get("/de/components/").status_code == HTTPStatus.NOT_FOUND


def test_the_default_language_prefix_redirects_to_the_plain_address(client, world):
    response = client.get("/en/components/?q=archive")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/components/?q=archive"
    response = client.get("/en//evil.example/")
    assert response["Location"] == "/evil.example/"  # never another site


def test_feeds_exports_api_and_admin_keep_one_unprefixed_address(client, world):
    with translation.override("fr"):
        assert reverse("catalogue:feed-components-rss") == "/feeds/components.rss"
        assert reverse("catalogue:adms-turtle") == "/catalogue.ttl"
        assert reverse("catalogue:component-publiccode", args=["aaas"]).startswith("/components/")
        assert reverse("api:component-list") == "/api/components/"
    for url in ("/feeds/components.rss", "/catalogue.ttl", "/code.json", "/api/components/"):
        assert client.get(url).status_code == HTTPStatus.OK
    for url in ("/fr/feeds/components.rss", "/nl/code.json", "/fr/api/components/"):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    # The admin still follows the browser's language.
    admin = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="nl")
    assert admin["Content-Language"] == "nl"


def test_switcher_and_hreflang_lead_to_the_same_page_in_each_language(client, world):
    html = get(client, url_in("nl", "catalogue:component-list") + "?q=archief&kind=service")
    head = html.split("</head>")[0]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', head))
    assert alternates == {
        "en": "http://testserver/components/?q=archief&amp;kind=service",
        "fr": "http://testserver/fr/components/?q=archief&amp;kind=service",
        "nl": "http://testserver/nl/components/?q=archief&amp;kind=service",
        "x-default": "http://testserver/components/?q=archief&amp;kind=service",
    }
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert 'href="http://testserver/fr/components/?q=archief&amp;kind=service"' in switcher
    assert 'lang="fr"' in switcher and ">Français<" in switcher
    assert 'hreflang="nl" lang="nl" aria-current="true"' in switcher


def test_no_alternates_on_a_page_without_language_versions(client, world):
    html = client.get("/nosuchpage/").content.decode()
    assert "hreflang" not in html


def test_sitemap_lists_every_language_with_alternates(client, world):
    xml = sitemap_text(client)
    assert "<loc>http://testserver/fr/components/aaas/</loc>" in xml
    assert "<loc>http://testserver/nl/components/aaas/</loc>" in xml
    assert 'hreflang="nl" href="http://testserver/nl/components/aaas/"' in xml
    assert 'hreflang="x-default" href="http://testserver/components/aaas/"' in xml
    assert "secret" not in xml


# --- the API --------------------------------------------------------------------------------


def test_api_speaks_the_requested_language_and_carries_every_one(client, world):
    response = client.get("/api/components/aaas/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9,en;q=0.5")
    data = response.json()
    assert response["Content-Language"] == "nl"
    assert "Accept-Language" in response["Vary"]
    assert data["name"] == "Elektronische archivering"
    assert data["long_description"] == "Conserve les **documents**."  # fallback: French
    assert data["language"] == "fr"
    assert data["translations"]["name"] == {
        "fr": "Archivage électronique",
        "nl": "Elektronische archivering",
    }
    assert data["owner"]["name"] == "Rijksdienst voor Sociale Zekerheid"
    assert data["owner"]["acronym"] == "RSZ"
    # ?lang= wins over Accept-Language.
    data = client.get("/api/components/aaas/?lang=en", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert data["name"] == "Archivage électronique"
    assert data["owner"]["acronym"] == "NSSO"


@pytest.mark.parametrize(
    "url", ["/api/institutions/onss/", "/api/projects/", "/api/case-studies/", "/api/categories/"]
)
def test_every_api_resource_carries_language_and_translations(client, world, url):
    data = client.get(url, {"lang": "nl"}).json()
    item = data["results"][0] if "results" in data else data
    assert item["language"] in {"en", "fr", "nl"}
    assert item["translations"]


def test_api_refuses_an_unknown_language_with_a_clear_error(client, world):
    response = client.get("/api/components/", {"lang": "de"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lang" in response.json()
    # A strange Accept-Language is not an error: the default language.
    response = client.get("/api/components/", HTTP_ACCEPT_LANGUAGE="x" * 2000 + ",;q=abc")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == "en"


def test_openapi_documents_the_language_parameters_and_translations(client, world):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert '"lang"' in schema or "name: lang" in schema
    assert "Accept-Language" in schema
    assert "translations" in schema


# --- feeds and exports carry every language ----------------------------------------------------


def test_feeds_carry_every_language_and_nothing_unpublished(client, world):
    rss = get(client, "/feeds/components.rss")
    assert '&lt;p lang="fr"&gt;&lt;strong&gt;Archivage électronique' in rss
    assert '&lt;p lang="nl"&gt;&lt;strong&gt;Elektronische archivering' in rss
    assert "Geheim" not in rss and "Brouillon" not in rss and "Secret" not in rss
    atom = get(client, "/feeds/case-studies.atom")
    assert "AaaS: archiving" in atom  # the feed's language, English
    assert "L'ONSS archive pour tous." in atom or "L&#x27;ONSS" in atom or "L&amp;#x27;ONSS" in atom


def test_adms_literals_are_tagged_with_every_language(client, world):
    graph = Graph().parse(data=get(client, "/catalogue.ttl"), format="turtle")
    asset = URIRef("http://testserver/components/aaas/")
    titles = set(graph.objects(asset, DCTERMS.title))
    assert titles == {
        Literal("Archivage électronique", lang="fr"),
        Literal("Elektronische archivering", lang="nl"),
    }
    publisher = next(graph.objects(asset, DCTERMS.publisher))
    names = {name.language for name in graph.objects(publisher, None) if isinstance(name, Literal)}
    assert {"en", "fr", "nl"} <= names
    assert "Geheim" not in graph.serialize(format="turtle")


def test_code_json_and_publiccode_carry_every_language(client, world):
    records = json.loads(get(client, "/code.json"))["releases"]
    assert [record["translations"]["nl"]["name"] for record in records] == [
        "Elektronische archivering"
    ]
    # publiccode.yml needs a repository, a licence, a contact and long enough descriptions.
    long_fr, long_nl = "Conserve les documents. " * 8, "Bewaart de documenten. " * 8
    Component.objects.filter(slug="aaas").update(
        source_code_url="https://github.com/onss/aaas", licence="EUPL-1.2",
        support_name="Service desk", long_description_fr=long_fr, long_description=long_fr,
        platforms=["web"],
        long_description_nl=long_nl,
    )  # fmt: skip
    publiccode = get(client, "/components/aaas/publiccode.yml")
    import yaml

    document = yaml.safe_load(publiccode)
    assert set(document["description"]) == {"fr", "nl"}
    assert document["description"]["nl"]["shortDescription"] == (
        "Archiveringsdienst met bewijskracht."
    )
    assert document["name"] == "Archivage électronique"


# --- nothing unpublished in any language ---------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "nl"])
def test_a_draft_leaks_in_no_language(client, world, language):
    for name, args in (
        ("catalogue:component-list", []),
        ("catalogue:home", []),
        ("catalogue:institution-detail", ["onss"]),
    ):
        html = get(client, url_in(language, name, *args))
        assert "Geheim" not in html and "Brouillon" not in html and "Secret draft" not in html
    assert (
        client.get(url_in(language, "catalogue:component-detail", "secret")).status_code
        == HTTPStatus.NOT_FOUND
    )
    html = get(client, url_in(language, "catalogue:component-list") + "?q=geheim")
    assert "Geheim" not in html
    api = client.get("/api/components/", {"lang": language, "q": "geheim"}).json()
    assert api["count"] == 0
    assert client.get("/api/components/secret/", {"lang": language}).status_code == 404


# --- search finds every language -----------------------------------------------------------------


def test_search_finds_an_entry_by_its_text_in_any_language(client, world):
    for query in ("archivering", "archivage", "bewijskracht"):
        html = get(client, reverse("catalogue:component-list") + f"?q={query}")
        assert "/components/aaas/" in html, query


# --- admin: editing per language, missing translations ---------------------------------------------


def test_admin_edits_each_language_and_finds_missing_translations(admin_client, world):
    page = admin_client.get(f"/admin/catalogue/component/{world['aaas'].pk}/change/")
    html = page.content.decode()
    for field in ("name_en", "name_fr", "name_nl", "short_description_nl", "language"):
        assert f'name="{field}"' in html
    assert not re.search(r"(src|href)=[\"'](https?:)?//", html)  # nothing from elsewhere
    listing = admin_client.get("/admin/catalogue/component/", {"missing_translation": "en"})
    assert "Archivage électronique" in listing.content.decode()
    assert "English, Dutch" in listing.content.decode()  # the column
    complete = admin_client.get("/admin/catalogue/institution/", {"missing_translation": "any"})
    assert "onss" not in complete.content.decode().lower().split("result_list")[-1]
    projects = admin_client.get("/admin/catalogue/project/", {"missing_translation": "en"})
    assert "Check report de paiement" in projects.content.decode()
    cases = admin_client.get("/admin/catalogue/casestudy/", {"missing_translation": "nl"})
    assert "aaas-story" in cases.content.decode() or "AaaS" in cases.content.decode()
    # Admin search reads every language.
    found = admin_client.get("/admin/catalogue/component/", {"q": "archivering"})
    assert f"/admin/catalogue/component/{world['aaas'].pk}/change/" in found.content.decode()


def test_admin_saves_a_translation_without_touching_the_others(admin_client, world):
    aaas = world["aaas"]
    form = {
        **{
            f"{field}_{code}": aaas.text_in(field, code)
            for field in aaas.translated_fields
            for code in ("en", "fr", "nl")
        },
        "name_en": "Electronic archiving",
        "language": "fr", "slug": "aaas", "kind": "service", "owner": aaas.owner_id,
        "lifecycle": "production", "licence": "", "reuse_conditions": "", "relative_cost": "",
        "website_url": "", "documentation_url": "", "source_code_url": "", "support_name": "",
        "support_email": "", "support_url": "", "source": "", "publication": "published",
        "review_note": "", "reuses-TOTAL_FORMS": "0", "reuses-INITIAL_FORMS": "0",
        "based_on_version": aaas.version,
    }  # fmt: skip
    response = admin_client.post(f"/admin/catalogue/component/{aaas.pk}/change/", form)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    aaas.refresh_from_db()
    assert aaas.variants("name") == {
        "en": "Electronic archiving",
        "fr": "Archivage électronique",
        "nl": "Elektronische archivering",
    }
    assert Component.objects.filter(pk=aaas.pk).values_list("name", flat=True).get() == (
        "Archivage électronique"
    )
    # History keeps every language, so a restore does not erase translations.
    assert aaas.history.first().name_nl == "Elektronische archivering"


# --- query counts stay constant in every language ----------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_dutch_pages_do_not_add_queries(client, world, django_assert_max_num_queries, count):
    for index in range(count):
        component(world["onss"], slug=f"c{index}", name_nl=None)
    with django_assert_max_num_queries(14):
        client.get(url_in("nl", "catalogue:component-list"))
    with django_assert_max_num_queries(14):
        client.get(url_in("nl", "catalogue:component-detail", "aaas"))
    with django_assert_max_num_queries(8):
        client.get(url_in("nl", "catalogue:institution-list"))


# --- the demo loader: translations as suffixed YAML keys ------------------------------------------


def _demo_copy(tmp_path, edit):
    """The demo fixtures in ``tmp_path``, with ``edit(name, rows)`` applied to each YAML list."""
    import shutil

    import yaml
    from django.conf import settings

    directory = tmp_path / "demo"
    shutil.copytree(settings.BASE_DIR / "fixtures" / "demo", directory)
    for path in directory.glob("*.yaml"):
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(rows, list):
            edit(path.name, rows)
            path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    return directory


def _row(rows, slug):
    return next(row for row in rows if row["slug"] == slug)


def _without_translations(name, rows):
    """The demo's own translations removed (categories keep their names)."""
    for row in rows:
        for key in [key for key in row if str(key).endswith(("_en", "_nl", "_fr"))]:
            if name != "categories.yaml" or not key.startswith("name_"):
                del row[key]


def _translations(name, rows):
    # Only the translations set here.
    _without_translations(name, rows)
    if name == "institutions.yaml":
        _row(rows, "onss").update(
            name_nl="Rijksdienst voor Sociale Zekerheid",
            acronym_nl="RSZ",
            name_en="National Social Security Office",
            acronym_en="NSSO",
        )
    elif name == "components_gcloud.yaml":
        _row(rows, "archiving-as-a-service").update(
            name_nl="Archivering als dienst (AaaS)",
            short_nl="Gedeelde dienst voor elektronische archivering met bewijskracht.",
            long_en="Digital archiving in the G-Cloud.",
        )
    elif name == "projects.yaml":
        _row(rows, "check-report-de-paiement").update(name_en="Payment report check")
    elif name == "case_studies.yaml":
        rows[0].update(title_en="AaaS: archiving with legal value", summary_nl="Een samenvatting.")
    elif name == "categories.yaml":
        _row(rows, "security").update(description_nl="Beveiliging van toepassingen.")


def test_demo_loader_applies_suffixed_keys_and_is_idempotent(tmp_path):
    from catalogue.demo import load_demo

    load_demo(_demo_copy(tmp_path, _translations))
    onss = Institution.objects.get(slug="onss")
    assert (onss.language, onss.name_fr, onss.acronym_fr) == (
        "fr",
        "Office National de Sécurité Sociale",
        "ONSS",
    )
    assert (onss.name_nl, onss.acronym_nl, onss.acronym_en) == (
        "Rijksdienst voor Sociale Zekerheid",
        "RSZ",
        "NSSO",
    )
    aaas = Component.objects.get(slug="archiving-as-a-service")
    assert aaas.variants("name") == {
        "fr": "Archiving-as-a-Service (AaaS)",
        "nl": "Archivering als dienst (AaaS)",
    }
    assert aaas.short_description_nl.startswith("Gedeelde dienst")
    assert aaas.long_description_en == "Digital archiving in the G-Cloud."
    assert aaas.short_description_en is None
    from catalogue.search.engine import search_components

    assert aaas in search_components(Component.objects.published(), "gedeelde dienst")  # in Dutch
    assert Project.objects.get(slug="check-report-de-paiement").name_en == "Payment report check"
    case = CaseStudy.objects.order_by("pk").first()
    assert case.title_en == "AaaS: archiving with legal value"
    assert case.language == "fr"
    security = Category.objects.get(slug="security")
    assert (security.name_en, security.name_nl, security.description_nl) == (
        "Security",
        "Beveiliging",
        "Beveiliging van toepassingen.",
    )
    # Loading again changes nothing; a translation removed from the YAML is removed here.
    load_demo(_demo_copy(tmp_path / "again", _translations))
    assert Component.objects.get(slug="archiving-as-a-service").name_nl == (
        "Archivering als dienst (AaaS)"
    )
    load_demo(_demo_copy(tmp_path / "without", _without_translations))
    assert Institution.objects.get(slug="onss").name_nl is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name_de": "Sozialversicherung"}, "unknown language in key 'name_de'"),
        ({"name_fr": "Doublon"}, "both 'name' and 'name_fr'"),
        ({"language": "de"}, "unknown language 'de'"),
    ],
)
def test_demo_loader_refuses_unknown_or_conflicting_language_keys(tmp_path, change, message):
    from catalogue.demo import DemoDataError, load_demo

    def edit(name, rows):
        if name == "institutions.yaml":
            _row(rows, "onss").update(change)

    with pytest.raises(DemoDataError, match=re.escape(message)):
        load_demo(_demo_copy(tmp_path, edit))
    assert not Institution.objects.exists()  # one transaction: nothing half-loaded


# --- the migration: existing (French) texts into the language columns -------------------------


@pytest.mark.django_db(transaction=True)
def test_migration_moves_existing_texts_without_losing_any():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    ours = next(
        key
        for key in graph.nodes
        if key[0] == "catalogue" and key[1].endswith("_content_in_three_languages")
    )
    before = sorted(graph.node_map[ours].parents)[0].key
    latest = graph.leaf_nodes("catalogue")
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    onss = old.get_model("catalogue", "Institution").objects.create(
        name="Office National de Sécurité Sociale", acronym="ONSS", slug="onss", description=""
    )
    old.get_model("catalogue", "Institution").objects.create(
        name="Défense", acronym="", slug="defense"
    )
    component_model = old.get_model("catalogue", "Component")
    component_model.objects.create(
        name="Archivage",
        slug="aaas",
        kind="service",
        short_description="Archiver.",
        long_description="",
        lifecycle="production",
        owner_id=onss.pk,
    )
    category_model = old.get_model("catalogue", "Category")
    category_model.objects.create(name="Security", name_fr="Sécurité", name_nl="", slug="sec")
    category_model.objects.create(name="Mobile", name_fr="", name_nl="", slug="mobile")
    old.get_model("catalogue", "HistoricalInstitution").objects.create(
        id=onss.pk,
        name="Office National de Sécurité Sociale",
        acronym="ONSS",
        slug="onss",
        history_date="2020-01-01T00:00:00Z",
        history_type="+",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    onss = Institution.objects.get(slug="onss")
    assert (onss.language, onss.name_fr, onss.acronym_fr, onss.name_en) == (
        "fr",
        "Office National de Sécurité Sociale",
        "ONSS",
        None,
    )
    assert onss.description_fr is None  # an empty text is a missing one
    assert Institution.objects.get(slug="defense").acronym_fr is None
    aaas = Component.objects.get(slug="aaas")
    assert (aaas.language, aaas.name_fr, aaas.short_description_fr) == (
        "fr",
        "Archivage",
        "Archiver.",
    )
    assert aaas.localized("name", "en") == "Archivage"  # shown, as the French original
    security = Category.objects.get(slug="sec")
    assert (security.name_en, security.name_fr, security.name_nl) == ("Security", "Sécurité", None)
    assert Category.objects.get(slug="mobile").variants("name") == {"en": "Mobile"}
    version = Institution.history.get()
    assert (version.name_fr, version.language) == ("Office National de Sécurité Sociale", "fr")
