"""publiccode.yml import → export → import is a fixed point for every stored field (issue 11),
on the conformance corpus's valid files and on the valid real-world files."""

import copy

import pytest
import yaml

from catalogue.models import Component
from catalogue.models.multilingual import supported_language
from catalogue.publiccode import validator as publiccode
from catalogue.publiccode.export import component_to_publiccode, dump
from catalogue.publiccode.importer import import_publiccode
from tests import factories
from tests.shared import SHARED_DIR, missing

PUBLICCODE = SHARED_DIR / "publiccode"
# (testdata/v1 is a draft of the next major version, which the validator refuses.)
CORPUS_FOLDERS = ("testdata/v0/valid", "testdata/v0/valid_with_warnings")
REALWORLD_REFUSED = {"AI-Riksarkivet__htrflow", "Aitema-gmbh__terminvergabe", "Cetriq__Classify"}
# Bookkeeping, not content.
IGNORED = {"id", "slug", "created", "updated", "version", "source", "publication", "review_note"}


def files():
    paths = [
        path
        for folder in CORPUS_FOLDERS
        for path in sorted((PUBLICCODE / folder).glob("*.yml"))
        if path.name != "file_encoding.yml"  # not UTF-8: refused as a whole by design
    ]
    paths += [
        path
        for path in sorted((PUBLICCODE / "realworld").glob("*.yml"))
        if path.stem not in REALWORLD_REFUSED
    ]
    if not paths:
        return [pytest.param(None, id="corpus-not-available")]
    return [pytest.param(path, id=f"{path.parent.name}/{path.name}") for path in paths]


def _in_a_catalogue_language(path) -> str:
    """The file, with its first description relabelled English when it has none in English,
    French or Dutch (Italian-only files: the catalogue does not publish Italian, and an import
    says so; relabelled, they still exercise every other key)."""
    data = yaml.safe_load(path.read_bytes())
    description = data.get("description") or {}
    if description and not any(supported_language(str(tag)) for tag in description):
        first = next(iter(description))
        data["description"] = {"en": description[first]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def stored(component: Component) -> dict:
    component = Component.objects.get(pk=component.pk)
    values = {
        field.attname: getattr(component, field.attname)
        for field in component._meta.concrete_fields
        if field.name not in IGNORED
    }
    values["categories"] = sorted(component.categories.values_list("slug", flat=True))
    values["depends_on"] = sorted(component.depends_on.values_list("pk", flat=True))
    return values


def export(component: Component) -> str:
    component = Component.objects.for_detail().get(pk=component.pk)
    document = component_to_publiccode(
        component, page_url="https://reuse.example.org/c/", owner_url="https://reuse.example.org/i/"
    )
    return dump(document)


@pytest.mark.parametrize("path", files())
def test_import_export_import_is_a_fixed_point(db, path):
    if path is None:
        missing(PUBLICCODE)
    owner = factories.institution()
    # The corpus keeps the files its cases name beside them: its folder is the repository.
    # Real files are read alone (their repository's files are not here).
    base_dir = None if path.parent.name == "realworld" else path.parent
    first = import_publiccode(
        _in_a_catalogue_language(path), institution=owner, source=path.name, base_dir=base_dir
    )
    assert first.ok, first.report.errors
    before = stored(first.component)
    text = export(first.component)
    report = publiccode.validate(text)
    assert report.valid, (report.errors, text)
    second = import_publiccode(text, institution=owner, source=path.name)
    assert second.ok, second.report.errors
    assert not second.created and second.component.pk == first.component.pk
    assert stored(second.component) == before
    assert Component.objects.count() == 1


def test_a_multilingual_file_keeps_each_language_and_reports_every_key(db):
    text = (PUBLICCODE / "realworld" / "Amsterdam__signals-frontend.yml").read_text()
    result = import_publiccode(text, institution=factories.institution(), source="signals")
    assert result.ok, result.report.errors
    component = result.component
    assert component.language == "en"
    assert component.short_description_en and component.short_description_nl
    assert component.short_description_en != component.short_description_nl
    assert component.short_description_fr is None
    assert component.platforms == ["web"] and component.software_type == "standalone/web"
    assert component.releases == [{"version": "v1.49.0", "date": "2021-05-20"}]
    assert component.external_dependencies["open"]
    keys = {outcome.key: outcome.action for outcome in result.outcomes}
    assert keys["description.nl.shortDescription"] == "kept"
    assert keys["developmentStatus"] == "mapped"
    assert keys["publiccodeYmlVersion"] == "dropped"
    assert any(key.startswith("categories[") for key in keys)


def test_languages_outside_the_catalogue_are_dropped_and_reported(db):
    data = yaml.safe_load((PUBLICCODE / "realworld" / "CatalaLang__catala.yml").read_bytes())
    data["description"]["it"] = copy.deepcopy(data["description"]["en"])
    result = import_publiccode(
        yaml.safe_dump(data), institution=factories.institution(), source="catala"
    )
    assert result.ok, result.report.errors
    assert result.component.short_description_fr and result.component.short_description_en
    dropped = {o.key: o.detail for o in result.outcomes if o.action == "dropped"}
    assert "is not a language of the catalogue" in dropped["description.it"]


def test_a_file_in_no_catalogue_language_is_refused_with_the_reason(db):
    text = (PUBLICCODE / "realworld" / "Comune-Milano__Whistleblowing.yml").read_text()
    result = import_publiccode(text, institution=factories.institution(), source="w")
    assert not result.ok and not Component.objects.exists()
    assert [problem.path for problem in result.report.errors] == ["description"]
    check = import_publiccode(text, institution=None, source="w", check_only=True)
    assert check.ok and any(p.path == "description" for p in check.report.warnings)


def test_every_category_of_the_standard_is_kept_never_a_near_miss(db):
    from catalogue.publiccode.export import export_category
    from catalogue.publiccode.importer import catalogue_category
    from catalogue.publiccode.vocabulary import CATEGORIES

    factories.category(slug="forms", name="Forms and questionnaires")
    factories.category(slug="interfaces-integration", name="Interfaces and integration")
    factories.category(slug="security", name="Security")
    for slug in sorted(CATEGORIES):
        category, _created = catalogue_category(slug)
        # Each comes back as itself: nothing merged into a broader or a different category.
        assert export_category(category.slug) == slug, (slug, category.slug)
        assert category.slug not in ("forms", "interfaces-integration")
        if category.slug == slug:  # created: named in every catalogue language
            assert category.name_en and category.name_fr and category.name_nl
    assert catalogue_category("it-security")[0].slug == "security"
    assert catalogue_category("data-collection")[0].name_fr == "Collecte de données"


def test_nine_categories_are_all_kept(db):
    data = yaml.safe_load((PUBLICCODE / "realworld" / "CSTSistemiSUD__GeoCity.yml").read_bytes())
    data["description"] = {"en": next(iter(data["description"].values()))}
    result = import_publiccode(
        yaml.safe_dump(data), institution=factories.institution(), source="geocity"
    )
    assert result.ok, result.report.errors
    assert result.component.categories.count() == 9


def _amsterdam(owner):
    text = (PUBLICCODE / "realworld" / "Amsterdam__signals-frontend.yml").read_text()
    return import_publiccode(text, institution=owner, source="signals.yml")


def test_software_facts_on_the_page_and_in_the_api(client, db):
    from catalogue.models import Publication

    component = _amsterdam(factories.institution()).component
    Component.objects.filter(pk=component.pk).update(publication=Publication.PUBLISHED)
    page = client.get(component.get_absolute_url()).content.decode()
    assert "v1.49.0" in page and "Web application" in page
    detail = client.get(f"/api/components/{component.slug}/").json()
    assert detail["software"]["platforms"] == ["web"]
    assert detail["software"]["releases"] == [{"version": "v1.49.0", "date": "2021-05-20"}]
    assert detail["software"]["software_type"] == "standalone/web"
    assert detail["software"]["dependencies"]["open"]
    plain = factories.component(kind="system")
    page = client.get(plain.get_absolute_url()).content.decode()
    section = page[page.index('id="software-facts"') :]
    section = section[: section.index("</section>")]
    # Every fact unknown: one line names them all.
    assert section.count("Not stated") == 1
    assert "type, platforms, releases, maintenance, contractors, dependencies" in section
    assert client.get(f"/api/components/{plain.slug}/").json()["software"] == {
        "software_type": None, "platforms": [], "maintenance_type": None, "contractors": [],
        "dependencies": {}, "releases": [], "available_languages": [], "localisation_ready": None,
    }  # fmt: skip


def test_a_published_entry_gets_new_facts_and_texts_through_a_pending_change(db):
    from catalogue.models import PendingChange, Publication

    owner = factories.institution()
    component = _amsterdam(owner).component
    Component.objects.filter(pk=component.pk).update(
        publication=Publication.PUBLISHED,
        platforms=[],
        releases=[],
        short_description_nl=None,
    )
    data = yaml.safe_load(
        (PUBLICCODE / "realworld" / "Amsterdam__signals-frontend.yml").read_text()
    )
    data["softwareVersion"], data["releaseDate"] = "v2.0.0", "2024-01-01"
    result = import_publiccode(yaml.safe_dump(data), institution=owner, source="signals.yml")
    assert result.proposed
    component.refresh_from_db()
    assert component.platforms == [] and component.releases == []  # nothing written
    pending = PendingChange.objects.get()
    assert pending.data["platforms"] == ["web"]
    assert pending.data["releases"][0] == {"version": "v2.0.0", "date": "2024-01-01"}
    assert pending.data["short_description_nl"]
