"""Relevance on the demo catalogue: what a developer typing in French, Dutch or English, with
or without typos, expects in the first results, through the page and through the API.

The demo content is French; English and Dutch queries reach it through stemming, the
thesaurus and typo tolerance. Runs on SQLite here and on PostgreSQL through
tests/test_search_postgres.py.
"""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

AUTHENTICATION = {
    "fido2-authentication",
    "mobile-authentication",
    "user-access-management",
    "csam",
    "keycloak",
}
FORMS = {"evaluation-forms", "bosa-intelligent-web-form"}
EBOX = {"ebox-enterprise", "ebox-citizen"}

# (query, components expected, within the first n results)
EXPECTED = [
    # The examples: one topic, three languages, typos. (The demo's end-user apps and
    # projects, such as the passenger locator form, are projects, not catalogue entries.)
    ("authentication", AUTHENTICATION, 5),
    ("authentification", AUTHENTICATION, 5),
    ("authenticatie", AUTHENTICATION, 5),
    ("autentification", AUTHENTICATION, 5),
    ("athentication", AUTHENTICATION, 5),
    ("forms", FORMS, 4),
    ("formulaire", FORMS, 4),
    ("formulier", FORMS, 4),
    ("formulair", FORMS, 4),
    ("kubernetes", {"paas-greenshift"}, 1),
    ("kubernets", {"paas-greenshift"}, 1),
    ("conteneurs", {"paas-greenshift"}, 1),
    # English
    ("archiving", {"archiving-as-a-service"}, 1),
    ("backup", {"backup-as-a-service"}, 1),
    ("mailbox", EBOX, 2),
    ("cookie consent", {"orejime"}, 1),
    ("web analytics", {"matomo"}, 1),
    ("database", {"database-services"}, 1),
    ("identity management", {"keycloak"}, 1),
    ("single sign-on", {"keycloak"}, 1),
    ("content management system", {"elasticms"}, 1),
    ("social fraud", {"bdap", "neo4j-graph-database"}, 2),
    ("voice assistant", {"conversational-interfaces"}, 1),
    ("virtual machine", {"iaas-virtual-machine-as-a-service"}, 1),
    ("api gateway", {"api-gateway"}, 1),
    # Dutch
    ("archivering", {"archiving-as-a-service"}, 1),
    ("brievenbus", EBOX, 2),
    ("opslag", {"iaas-storage-as-a-service"}, 1),
    ("gegevensbank", {"database-services"}, 1),
    ("sociale fraude", {"bdap", "neo4j-graph-database"}, 2),
    ("spraakassistent", {"conversational-interfaces"}, 1),
    # French, accents optional
    ("archivage électronique", {"archiving-as-a-service"}, 1),
    ("sauvegarde", {"backup-as-a-service"}, 1),
    ("boite aux lettres", EBOX, 2),
    ("déclaration immédiate emploi", {"dimona"}, 1),
    ("gestion des identites", {"keycloak"}, 1),
    ("machines virtuelles", {"iaas-virtual-machine-as-a-service"}, 1),
    ("fraude sociale", {"bdap", "neo4j-graph-database"}, 2),
    # Typos in names
    ("Dimonna", {"dimona"}, 1),
    ("keycloack", {"keycloak"}, 1),
    ("elasticsearh", {"drupal-wcm"}, 1),
    ("archivng", {"archiving-as-a-service"}, 1),
]

RESULT_LINK = re.compile(r'<h3 class="card-title"><a href="[^"]*/components/([\w-]+)/"')


def _misses(results_of):
    misses = []
    for query, expected, within in EXPECTED:
        first = results_of(query)[:within]
        if not expected <= set(first):
            misses.append(f"{query!r}: expected {sorted(expected)} in {first}")
    return misses


def test_the_page_puts_the_expected_components_first(client, demo):
    def results_of(query):
        html = client.get(reverse("catalogue:component-list"), {"q": query}).content.decode()
        return RESULT_LINK.findall(html)

    assert _misses(results_of) == []


def test_the_api_puts_the_expected_components_first(client, demo):
    def results_of(query):
        response = client.get("/api/components/", {"q": query})
        return [row["slug"] for row in response.json()["results"]]

    assert _misses(results_of) == []


def test_words_are_matched_whole_on_the_demo(client, demo):
    # The issue: "eid" found 21 components by substring ("identifiant", "aide", ...).
    response = client.get("/api/components/", {"q": "eid"})
    # The entries whose text names the eID card, and no other.
    assert {row["slug"] for row in response.json()["results"]} == {
        "mobile-authentication",
        "user-access-management",
    }


def test_a_typo_beyond_correction_gets_a_suggestion_on_the_demo(client, demo):
    html = client.get(reverse("catalogue:component-list"), {"q": "autentifikasion"}).content
    assert b'Did you mean: <a href="?q=authentification">authentification</a>' in html
