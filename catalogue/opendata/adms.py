"""The published catalogue as ADMS-AP / DCAT-AP 3.0.0 (for Joinup and the EU data portals).

Typed as Joinup harvests solutions: each component is a `dcat:Dataset` and an `adms:Asset`
related to the EIRA building block "Digital solution"; its code repository is a
`dcat:Distribution` (and `adms:AssetDistribution`) with its SPDX licence; publishers are
`foaf:Agent`s; contact points `vcard:Kind`s; statuses from the ADMS status vocabulary. Only
what the catalogue knows is written: a fact it lacks (a repository, a licence, a contact) is
left out, never filled with a placeholder. Every URL from the database goes through safe_iri.

The builder takes batches of published components already loaded with their relations, and a
function that makes absolute URLs, and gives one graph per batch (so the export streams in
bounded memory); views only gather and serialise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from catalogue import licences
from catalogue.models import Component, Lifecycle
from catalogue.opendata.iri import safe_iri
from catalogue.opendata.languages import language_variants

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS_STATUS = Namespace("http://purl.org/adms/status/")
EIRA = Namespace("http://data.europa.eu/dr8/")
SPDX_LICENCES = "http://spdx.org/licenses/"
CATEGORIES_TITLE = _("Categories of the ReUse catalogue")

# Catalogue lifecycle -> ADMS status vocabulary (as Joinup maps publiccode.yml's statuses).
LIFECYCLE_STATUS = {
    Lifecycle.CONCEPT: ADMS_STATUS.UnderDevelopment,
    Lifecycle.DEVELOPMENT: ADMS_STATUS.UnderDevelopment,
    Lifecycle.PILOT: ADMS_STATUS.UnderDevelopment,
    Lifecycle.PRODUCTION: ADMS_STATUS.Completed,
    Lifecycle.DEPRECATED: ADMS_STATUS.Deprecated,
    Lifecycle.RETIRED: ADMS_STATUS.Withdrawn,
}

Url = Callable[[str], str]  # turns a site path into an absolute URL


def language_literals(obj, field: str) -> list[Literal]:
    """One literal per language variant of ``field`` that has text, tagged with its language."""
    return [
        Literal(text.strip(), lang=language)
        for language, text in language_variants(obj, field).items()
    ]


def translated_literals(text) -> list[Literal]:
    """A translatable interface string (gettext_lazy) in each of the site's languages."""
    literals = {}
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            literals.setdefault(str(text), Literal(str(text), lang=language))
    return list(literals.values())


def spdx_licence(licence: str) -> URIRef | None:
    """The SPDX licence document of a single-identifier licence (DCAT-AP allows one licence
    per distribution; an expression such as `EUPL-1.2 OR MIT` or `EUPL-1.1+` has no single
    document; LicenseRef- identifiers have none at SPDX)."""
    names = licences.identifiers(licence)
    if len(names) != 1 or names[0] != licence or not re.fullmatch(r"[A-Za-z0-9.-]+", licence):
        return None
    return safe_iri(SPDX_LICENCES + licence)


class _Builder:
    def __init__(self, graph: Graph, absolute: Url):
        self.graph = graph
        self.absolute = absolute
        self.agents: dict[int, URIRef] = {}
        self.themes: dict[int, URIRef] = {}
        self.scheme = URIRef(absolute("/categories/#scheme"))

    def add(self, subject, predicate, obj):
        if obj is not None:
            self.graph.add((subject, predicate, obj))

    def document(self, iri: URIRef | None) -> URIRef | None:
        """A web page, typed as DCAT-AP wants (foaf:Document)."""
        if iri is not None:
            self.add(iri, RDF.type, FOAF.Document)
        return iri

    def add_all(self, subject, predicate, objects):
        for obj in objects:
            self.add(subject, predicate, obj)

    def agent(self, institution) -> URIRef:
        if institution.pk not in self.agents:
            agent = URIRef(self.absolute(institution.get_absolute_url()))
            self.add(agent, RDF.type, FOAF.Agent)
            names = language_literals(institution, "name") or [
                Literal(str(institution.original("name")))
            ]
            self.add_all(agent, FOAF.name, names)
            self.add(agent, FOAF.homepage, self.document(safe_iri(institution.website)))
            self.agents[institution.pk] = agent
        return self.agents[institution.pk]

    def theme(self, category) -> URIRef:
        if category.pk not in self.themes:
            theme = URIRef(self.absolute(f"/components/?category={category.slug}"))
            self.add(theme, RDF.type, SKOS.Concept)
            self.add(theme, SKOS.inScheme, self.scheme)
            for language, label in category.names.items():
                if label:
                    self.add(theme, SKOS.prefLabel, Literal(label, lang=language))
            self.themes[category.pk] = theme
        return self.themes[category.pk]

    def contact_point(self, component: Component, asset: URIRef) -> URIRef | None:
        """The support contact, else the owner institution's contact address; None when the
        catalogue knows neither."""
        contact = URIRef(f"{asset}#contact")
        email = safe_iri(f"mailto:{component.support_email}") if component.support_email else None
        url = safe_iri(component.support_url)
        if component.support_name or email or url:
            self.add(contact, RDF.type, VCARD.Kind)
            if component.support_name:
                self.add(contact, RDF.type, VCARD.Individual)
            name = component.support_name or str(component.owner.original("name"))
            self.add(contact, VCARD.fn, Literal(name))
            self.add(contact, VCARD.hasEmail, email)
            self.add(contact, VCARD.hasURL, url)
            return contact
        owner = component.owner
        owner_email = safe_iri(f"mailto:{owner.contact_email}") if owner.contact_email else None
        if owner_email is None:
            return None
        self.add(contact, RDF.type, VCARD.Kind)
        self.add(contact, RDF.type, VCARD.Organization)
        self.add(contact, VCARD.fn, Literal(str(owner.original("name"))))
        self.add(contact, VCARD.hasEmail, owner_email)
        return contact

    def distribution(self, component: Component, asset: URIRef) -> URIRef | None:
        """The code repository as a distribution, with its licence; None without a repository."""
        access = safe_iri(component.source_code_url)
        if access is None:
            return None
        distribution = URIRef(f"{asset}#code")
        self.add(distribution, RDF.type, DCAT.Distribution)
        self.add(distribution, RDF.type, ADMS.AssetDistribution)
        self.add(distribution, DCAT.accessURL, access)
        self.add_all(distribution, DCTERMS.title, [Literal(str(component.original("name")))])
        licence = spdx_licence(component.licence)
        if licence is not None:
            self.add(licence, RDF.type, DCTERMS.LicenseDocument)
            self.add(distribution, DCTERMS.license, licence)
        return distribution

    def asset(self, component: Component) -> URIRef:
        page = self.absolute(component.get_absolute_url())
        asset = URIRef(page)
        add = self.add
        add(asset, RDF.type, DCAT.Dataset)
        add(asset, RDF.type, ADMS.Asset)
        add(asset, DCTERMS.relation, EIRA.DigitalSolution)
        add(asset, DCTERMS.identifier, Literal(component.slug))
        self.add_all(asset, DCTERMS.title, language_literals(component, "name"))
        descriptions = language_literals(component, "short_description")
        self.add_all(asset, DCTERMS.description, descriptions)
        add(asset, DCAT.landingPage, self.document(URIRef(page)))
        add(asset, FOAF.homepage, self.document(safe_iri(component.website_url)))
        add(asset, ADMS.status, LIFECYCLE_STATUS[component.lifecycle])
        add(asset, DCTERMS.issued, Literal(component.created.isoformat(), datatype=XSD.dateTime))
        add(asset, DCTERMS.modified, Literal(component.updated.isoformat(), datatype=XSD.dateTime))
        add(asset, DCTERMS.publisher, self.agent(component.owner))
        for category in component.categories.all():
            add(asset, DCAT.theme, self.theme(category))
        for technology in component.technologies.all():
            add(asset, DCAT.keyword, Literal(technology.name))
        for dependency in component.depends_on.all():
            add(asset, DCTERMS.requires, URIRef(self.absolute(dependency.get_absolute_url())))
        add(asset, DCAT.contactPoint, self.contact_point(component, asset))
        add(asset, DCAT.distribution, self.distribution(component, asset))
        add(asset, FOAF.page, self.document(safe_iri(component.documentation_url)))
        return asset


def _bind(graph: Graph) -> None:
    for prefix, namespace in {
        "adms": ADMS, "dcat": DCAT, "dct": DCTERMS, "foaf": FOAF, "skos": SKOS, "vcard": VCARD,
        "eira": EIRA,
    }.items():  # fmt: skip
        graph.bind(prefix, namespace)


def adms_graphs(
    batches: Iterable[Iterable[Component]], *, absolute: Url, title, description, publisher=None
) -> Iterator[Graph]:
    """An ADMS-AP catalogue as a series of graphs whose union is the catalogue: first the
    dcat:Catalog (title, publisher, languages, theme scheme), then one graph per batch of
    published components (their assets, and each publisher and theme the first time it is
    met). Serialised one after the other, they stream in bounded memory.

    ``title`` and ``description`` are translatable strings (written in every site language);
    ``publisher`` is ``(name, url)`` of who runs the catalogue, or None for the site itself.
    """
    graph = Graph()
    _bind(graph)
    builder = _Builder(graph, absolute)
    catalogue = URIRef(absolute("/catalogue.ttl#catalogue"))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    builder.add_all(catalogue, DCTERMS.title, translated_literals(title))
    builder.add_all(catalogue, DCTERMS.description, translated_literals(description))
    builder.add(catalogue, FOAF.homepage, builder.document(URIRef(absolute("/"))))
    for language, _label in settings.LANGUAGES:
        graph.add((catalogue, DCTERMS.language, _language_iri(language)))
        graph.add((_language_iri(language), RDF.type, DCTERMS.LinguisticSystem))
    name, url = publisher or ("", "")
    agent = safe_iri(url) or URIRef(absolute("/about/#publisher"))
    graph.add((agent, RDF.type, FOAF.Agent))
    for literal in [Literal(name)] if name else translated_literals(title):
        graph.add((agent, FOAF.name, literal))
    graph.add((catalogue, DCTERMS.publisher, agent))
    graph.add((catalogue, DCAT.themeTaxonomy, builder.scheme))
    graph.add((builder.scheme, RDF.type, SKOS.ConceptScheme))
    builder.add_all(builder.scheme, DCTERMS.title, translated_literals(CATEGORIES_TITLE))
    yield graph
    for batch in batches:
        builder.graph = graph = Graph()
        _bind(graph)
        for component in batch:
            graph.add((catalogue, DCAT.dataset, builder.asset(component)))
        yield graph


def adms_graph(
    components: Iterable[Component], *, absolute: Url, title, description, publisher=None
) -> Graph:
    """The whole ADMS-AP catalogue in one graph (see ``adms_graphs``)."""
    whole = Graph()
    _bind(whole)
    for graph in adms_graphs(
        [components], absolute=absolute, title=title, description=description, publisher=publisher
    ):
        whole += graph
    return whole


# The EU's language authority (DCAT-AP's vocabulary for dct:language).
_LANGUAGES = {"en": "ENG", "fr": "FRA", "nl": "NLD", "de": "DEU", "it": "ITA"}


def _language_iri(code: str) -> URIRef:
    return URIRef(
        "http://publications.europa.eu/resource/authority/language/"
        + _LANGUAGES.get(code, code.upper())
    )
