"""The demo catalogue holds what the catalogue issue promises, and the 2020 figures reproduce."""

import pytest
from django.db.models import Q

from catalogue.demo import load_demo
from catalogue.models import CaseStudy, Category, Component, Institution, Project
from catalogue.savings import roi
from catalogue.savings.measurement import year_measurement

pytestmark = pytest.mark.django_db


def test_catalogue_size(demo):
    published = Component.objects.published()
    assert published.count() >= 90
    contributing = Institution.objects.filter(
        Q(owned_components__in=published) | Q(contributed_components__in=published)
    ).distinct()
    assert contributing.count() >= 14
    assert Project.objects.filter(year=2020).count() == 62


def test_components_named_by_the_report_are_there(demo):
    names = set(Component.objects.values_list("slug", flat=True))
    for slug in [
        "api-gateway", "archiving-as-a-service", "ebox-enterprise", "elasticms", "keycloak",
        "camunda-bpmn", "systeme-flux", "user-access-management", "evaluation-forms", "orejime",
        "matomo", "status-pages", "print-manager", "ehealth-basic-services", "paas-greenshift",
    ]:  # fmt: skip
        assert slug in names, slug


def test_every_component_is_complete(demo):
    for component in Component.objects.published().prefetch_related("categories"):
        assert component.short_description and len(component.short_description) <= 200
        assert component.owner_id and component.kind and component.lifecycle
        assert component.categories.exists(), component.slug
        assert component.source.startswith("Rapport d'activité 2020"), component.slug


def test_facts_missing_from_the_report_are_left_empty(demo):
    assert not Component.objects.exclude(licence="").exists()
    assert not Component.objects.exclude(support_email="").exists()
    assert not Component.objects.exclude(documentation_url="").exists()


def test_projects_link_to_the_components_their_technologies_name(demo):
    check = Project.objects.get(slug="check-report-de-paiement")
    assert set(check.components.values_list("slug", flat=True)) >= {
        "evaluation-forms",
        "ebox-enterprise",
    }
    assert check.status == "live"
    assert list(check.clients.values_list("slug", flat=True)) == ["onss"]


def test_case_studies_of_the_report(demo):
    titles = " ".join(CaseStudy.objects.published().values_list("title", flat=True))
    for word in ["AaaS", "MyDIA", "Check report paiements", "Corona Status", "BelRAI Vlaanderen",
                 "eHealthBox High Capacity", "Contact Tracing"]:  # fmt: skip
        assert word in titles


def test_2020_measurement_reproduces_the_published_figures(demo):
    measurement = year_measurement(2020)
    result = measurement.result
    assert len(result.projects) == 27
    assert round(float(result.reuse_share), 2) == 0.64
    assert round(float(result.roi), 2) == 0.46
    assert result.cost_avoided_eur > 13_000_000
    assert roi.whole_euros(result.investment_eur) == 9_000_000
    assert measurement.year.illustrative


def test_reused_function_points_are_split_over_real_components(demo):
    measurement = year_measurement(2020)
    by_component = measurement.by_component
    assert all(line.key is not None for line in by_component)
    assert len(by_component) >= 15
    assert (
        sum(line.cost_avoided_eur for line in by_component) == measurement.result.cost_avoided_eur
    )


def test_loading_twice_gives_the_same_catalogue(demo):
    before = (Component.objects.count(), Project.objects.count(), CaseStudy.objects.count())
    again = load_demo()
    after = (Component.objects.count(), Project.objects.count(), CaseStudy.objects.count())
    assert before == after
    assert str(again) == str(demo)
    assert round(float(year_measurement(2020).result.roi), 4) == 0.4589


def test_every_category_is_named_in_the_three_languages(demo):
    for category in Category.objects.all():
        assert set(category.names) == {"en", "fr", "nl"}, category.slug


def test_demo_search_examples(client, demo):
    for query in ["archivage", "archiving", "ARCHIVING-as-a-service"]:
        html = client.get("/components/", {"q": query}).content.decode()
        # The name's matched words are highlighted (<mark>), so look for its link.
        assert '/components/archiving-as-a-service/"' in html, query
