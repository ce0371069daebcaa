"""The synthetic catalogue generator (manage.py generate_catalogue)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalogue import synthetic
from catalogue.models import (
    Category,
    Component,
    ComponentReuse,
    Institution,
    Project,
    Publication,
    ReuseYear,
    Technology,
)

pytestmark = pytest.mark.django_db


def generate(*args):
    out = StringIO()
    call_command("generate_catalogue", *args, stdout=out)
    return out.getvalue()


def test_generates_a_realistic_catalogue_marked_as_synthetic():
    output = generate("--components", "300", "--seed", "7")
    assert "300 synthetic components" in output
    components = Component.objects.all()
    assert components.count() == 300
    assert set(components.values_list("source", flat=True)) == {synthetic.SYNTHETIC}
    assert all(slug.startswith("synthetic-") for slug in components.values_list("slug", flat=True))
    assert Institution.objects.count() == 50
    assert all(
        name.startswith("Synthetic") for name in Institution.objects.values_list("name", flat=True)
    )
    assert all("synthetic" in name for name in Technology.objects.values_list("name", flat=True))
    assert all("synthetic" in name for name in Category.objects.values_list("name", flat=True))
    # Several categories and technologies per component, in every kind and most published.
    sample = Component.objects.prefetch_related("categories", "technologies")[:50]
    assert all(1 <= len(c.categories.all()) <= 4 for c in sample)
    assert all(2 <= len(c.technologies.all()) <= 6 for c in sample)
    assert components.filter(publication=Publication.PUBLISHED).count() > 250
    assert components.exclude(publication=Publication.PUBLISHED).exists()
    assert len(set(components.values_list("kind", flat=True))) == 5
    # Descriptions of 50 to 300 words; owners skewed: the largest owns far more than average.
    words = [len(text.split()) for text in components.values_list("long_description", flat=True)]
    assert min(words) >= 50 and max(words) <= 310
    largest = max(Institution.objects.all(), key=lambda i: i.owned_components.count())
    assert largest.owned_components.count() > 3 * 300 / 50
    # Projects reuse components; the measured year is marked synthetic and illustrative.
    assert Project.objects.filter(source=synthetic.SYNTHETIC).count() == 30
    assert ComponentReuse.objects.count() >= 30
    year = ReuseYear.objects.get(year=synthetic.MEASURED_YEAR)
    assert year.illustrative and year.published_source == synthetic.SYNTHETIC


def test_generated_entries_are_in_the_search_index():
    from catalogue.search.engine import search_components

    generate("--components", "40")
    component = Component.objects.published().prefetch_related("technologies").first()
    technology = component.technologies.first()
    found = search_components(Component.objects.published(), technology.name)
    assert component in found  # indexed in bulk, like a saved entry
    assert search_components(Component.objects.published(), component.slug.split("-")[-1])


def test_the_same_seed_gives_the_same_catalogue():
    generate("--components", "30", "--seed", "3")
    first = list(Component.objects.order_by("slug").values_list("name", "long_description"))
    generate("--components", "30", "--seed", "3", "--clear")
    again = list(Component.objects.order_by("slug").values_list("name", "long_description"))
    assert first == again


def test_refuses_a_database_holding_the_demo_unless_forced(demo):
    before = Component.objects.count()
    with pytest.raises(CommandError, match="not synthetic"):
        generate("--components", "10")
    assert Component.objects.count() == before
    generate("--components", "10", "--force")
    assert Component.objects.count() == before + 10


def test_clear_removes_only_synthetic_rows(demo):
    demo_counts = (Component.objects.count(), Institution.objects.count(), Project.objects.count())
    demo_categories = set(Category.objects.values_list("slug", flat=True))
    demo_reuses = ComponentReuse.objects.count()
    generate("--components", "60", "--force")
    # A demo project that reuses a synthetic component: the link goes, the project stays.
    ComponentReuse.objects.create(
        project=Project.objects.exclude(source=synthetic.SYNTHETIC).first(),
        component=Component.objects.filter(source=synthetic.SYNTHETIC).first(),
    )
    output = generate("--clear")
    assert "Removed the synthetic catalogue" in output
    assert (
        Component.objects.count(),
        Institution.objects.count(),
        Project.objects.count(),
    ) == demo_counts
    assert set(Category.objects.values_list("slug", flat=True)) == demo_categories
    assert ComponentReuse.objects.count() == demo_reuses
    assert not ReuseYear.objects.filter(published_source=synthetic.SYNTHETIC).exists()


def test_generating_twice_asks_for_clear():
    generate("--components", "5")
    with pytest.raises(CommandError, match="--clear"):
        generate("--components", "5")


def test_bad_arguments_are_errors():
    with pytest.raises(CommandError, match="--components"):
        generate()
    with pytest.raises(CommandError, match="at least 1"):
        generate("--components", "0")


def test_generated_pages_serve(client):
    generate("--components", "80")
    component = Component.objects.published().first()
    assert client.get(component.get_absolute_url()).status_code == 200
    response = client.get("/components/", {"q": component.name})
    assert component.name in response.content.decode()
    owner = Institution.objects.first()
    assert client.get(owner.get_absolute_url()).status_code == 200
    assert client.get(f"/roi/?year={synthetic.MEASURED_YEAR}").status_code == 200
