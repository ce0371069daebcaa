"""publiccode.yml → component fields, keeping meaning: each language's text in its own
columns, the standard's categories as catalogue categories, the software facts (platforms,
type, maintenance, contractors, dependencies, releases, localisation) as stored fields.

``map_document`` is pure (no database): it returns the fields and, per key of the file, what
became of it (kept, mapped or dropped, and why) — the import report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from catalogue.models import Kind
from catalogue.models.component import RESTRICTED_LICENCE, ReuseConditions
from catalogue.models.multilingual import language_codes, language_name, supported_language
from catalogue.models.software import DEPENDENCY_KINDS
from catalogue.publiccode.export import (
    CATEGORY_SCOPES,
    KIND_TO_SOFTWARE_TYPE,
    SOFTWARE_TYPE_TO_KIND,
    STATUS_TO_LIFECYCLE,
    import_licence,
)

KEPT, MAPPED, DROPPED = "kept", "mapped", "dropped"
NOT_STORED = "the catalogue does not keep it"
# Publiccode category -> catalogue category that means the same thing (export.CATEGORY_MAP
# writes each back as the same publiccode category). Every other category of the standard
# becomes a catalogue category of its own (vocabulary.CATEGORY_NAMES), never a near miss.
EQUIVALENT_CATEGORIES = {
    "it-security": "security",
    "identity-management": "user-access-management",
    "workflow-management": "case-management",
    "communications": "communication",
    "cloud-management": "infrastructure-cloud",
    "content-management": "web-content",
    "data-analytics": "data-analytics",
    "collaboration": "collaboration",
    "application-development": "software-engineering",
    "call-center-management": "contact-centre",
    "procurement": "procurement",
}
SCOPE_CATEGORIES = {scope: slug for slug, scope in CATEGORY_SCOPES.items()}
DESCRIPTION_FIELDS = {
    "shortDescription": "short_description",
    "longDescription": "long_description",
    "localisedName": "name",
}


@dataclass(frozen=True)
class KeyOutcome:
    key: str
    action: str  # KEPT, MAPPED or DROPPED
    detail: str = ""

    def __str__(self):
        return f"{self.key}: {self.action}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Mapped:
    language: str | None  # the entry's language: the file's first catalogue language
    texts: dict[str, dict[str, str]]  # language -> {field: text}
    name: str
    fields: dict
    categories: list[str]  # publiccode categories (and scope stand-ins), mapped later
    dependency_names: list[str]
    release: dict | None
    outcomes: list[KeyOutcome] = field(default_factory=list)

    def add(self, key, action, detail=""):
        self.outcomes.append(KeyOutcome(key, action, str(detail)))


def _text(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip()


def _single_line(text: str) -> str:
    return " ".join(str(text).split())


def description_languages(description: dict) -> tuple[dict[str, tuple[str, dict]], list[str]]:
    """{catalogue language: (the file's tag, section)} in the file's order, and the tags
    the catalogue cannot keep."""
    kept, dropped = {}, []
    for tag, section in description.items():
        code = supported_language(str(tag))
        if code and code not in kept:
            kept[code] = (tag, section)
        else:
            dropped.append(tag)
    return kept, dropped


def map_document(data: dict) -> Mapped:
    """The component fields of a validated publiccode.yml document, and the report per key."""
    languages, dropped_languages = description_languages(data["description"])
    mapped = Mapped(
        language=next(iter(languages), None),
        texts={},
        name=_single_line(data["name"])[:200],
        fields={},
        categories=[],
        dependency_names=[],
        release=None,
    )
    handled = {"description"}
    mapped.add("name", KEPT)
    _descriptions(mapped, languages, dropped_languages, data["description"])
    fields = mapped.fields

    software_type = data["softwareType"]
    fields["software_type"] = software_type
    kind = SOFTWARE_TYPE_TO_KIND.get(software_type, Kind.SYSTEM)
    fields["kind"] = kind
    mapped.add("softwareType", KEPT, f"kind: {Kind(kind).label}")
    status = data["developmentStatus"]
    fields["lifecycle"] = STATUS_TO_LIFECYCLE[status]
    mapped.add("developmentStatus", MAPPED, f"{status} → {fields['lifecycle'].label}")
    fields["platforms"] = [_text(p) for p in data["platforms"] if _text(p)]
    mapped.add("platforms", KEPT)
    handled |= {"name", "softwareType", "developmentStatus", "platforms"}

    url = _text(data["url"])
    if url.startswith(("http://", "https://")):
        fields["source_code_url"] = url
        mapped.add("url", KEPT, "source code")
    else:
        mapped.add("url", DROPPED, "not an http(s) address")
    if data.get("landingURL"):
        fields["website_url"] = _text(data["landingURL"])
        mapped.add("landingURL", KEPT, "website")
    handled |= {"url", "landingURL"}

    _legal(mapped, data.get("legal") or {})
    _maintenance(mapped, data.get("maintenance") or {})
    _dependencies(mapped, data.get("dependsOn") or {})
    _release(mapped, data)
    _localisation(mapped, data.get("localisation") or {})
    _categories(mapped, data)
    handled |= {"legal", "maintenance", "dependsOn", "softwareVersion", "releaseDate",
                "localisation", "categories", "intendedAudience"}  # fmt: skip
    if "publiccodeYmlVersion" in data:
        mapped.add("publiccodeYmlVersion", DROPPED, "the export writes the current version")
        handled.add("publiccodeYmlVersion")
    for key in data:
        if key not in handled:
            mapped.add(str(key), DROPPED, NOT_STORED)
    return mapped


def _descriptions(mapped: Mapped, languages, dropped_languages, description):
    documentation = None
    for code, (tag, section) in languages.items():
        texts = mapped.texts.setdefault(code, {})
        where = language_name(code)
        for key, value in section.items():
            path = f"description.{tag}.{key}"
            if key in ("shortDescription", "localisedName"):
                texts[DESCRIPTION_FIELDS[key]] = _single_line(value)[:200]
                mapped.add(path, KEPT, where)
            elif key == "longDescription":
                texts["long_description"] = str(value).strip()
                mapped.add(path, KEPT, where)
            elif key == "documentation" and documentation is None and value:
                documentation = _text(value)
                mapped.add(path, KEPT, "documentation")
            elif key == "documentation" and _text(value) == documentation:
                mapped.add(path, KEPT, "documentation")
            elif key == "documentation":
                mapped.add(path, DROPPED, "the catalogue keeps one documentation address")
            else:
                mapped.add(path, DROPPED, NOT_STORED)
    if documentation:
        mapped.fields["documentation_url"] = documentation
    supported = ", ".join(language_codes())
    for tag in dropped_languages:
        code = supported_language(str(tag))
        reason = (
            f"a second {language_name(code)} section"
            if code
            else f"“{tag}” is not a language of the catalogue ({supported})"
        )
        mapped.add(f"description.{tag}", DROPPED, reason)


def _legal(mapped: Mapped, legal: dict):
    licence = import_licence(legal["license"])[:100]
    mapped.fields["licence"] = licence
    if licence and licence != RESTRICTED_LICENCE:
        mapped.fields["reuse_conditions"] = ReuseConditions.OPEN_SOURCE
        mapped.add("legal.license", KEPT, "reuse conditions: open source")
    else:
        mapped.add("legal.license", KEPT)
    for key in legal:
        if key != "license":
            mapped.add(f"legal.{key}", DROPPED, NOT_STORED)


def _maintenance(mapped: Mapped, maintenance: dict):
    fields = mapped.fields
    fields["maintenance_type"] = maintenance.get("type") or ""
    mapped.add("maintenance.type", KEPT)
    contacts = maintenance.get("contacts") or []
    contact = contacts[0] if contacts else {}
    fields["support_name"] = _single_line(_text(contact.get("name")))[:200]
    fields["support_email"] = _text(contact.get("email"))
    if contacts:
        mapped.add("maintenance.contacts[0]", KEPT, "support contact (name, e-mail)")
        for key in contact:
            if key not in ("name", "email"):
                mapped.add(f"maintenance.contacts[0].{key}", DROPPED, NOT_STORED)
    for index in range(1, len(contacts)):
        mapped.add(f"maintenance.contacts[{index}]", DROPPED, "the catalogue keeps one contact")
    contractors = []
    for person in maintenance.get("contractors") or []:
        record = {key: _text(person.get(key)) for key in ("name", "until", "email", "website")}
        contractors.append({key: value for key, value in record.items() if value})
    fields["contractors"] = contractors
    if contractors:
        mapped.add("maintenance.contractors", KEPT)


def _dependencies(mapped: Mapped, depends: dict):
    stored = {}
    for kind in DEPENDENCY_KINDS:
        items = []
        for item in depends.get(kind) or []:
            record = {
                key: _text(item.get(key))
                for key in ("name", "versionMin", "versionMax", "version")
                if _text(item.get(key))
            }
            if isinstance(item.get("optional"), bool):
                record["optional"] = item["optional"]
            items.append(record)
            if kind != "hardware":
                mapped.dependency_names.append(record["name"])
        if items:
            stored[kind] = items
            mapped.add(f"dependsOn.{kind}", KEPT)
    mapped.fields["external_dependencies"] = stored


def _release(mapped: Mapped, data: dict):
    version, date = _text(data.get("softwareVersion")), _text(data.get("releaseDate"))
    if version or date:
        mapped.release = {
            key: value for key, value in (("version", version), ("date", date)) if value
        }
    for key in ("softwareVersion", "releaseDate"):
        if key in data:
            mapped.add(key, KEPT, "releases")


def _localisation(mapped: Mapped, localisation: dict):
    mapped.fields["available_languages"] = [
        _text(tag) for tag in localisation.get("availableLanguages") or [] if _text(tag)
    ]
    ready = localisation.get("localisationReady")
    mapped.fields["localisation_ready"] = ready if isinstance(ready, bool) else None
    for key in localisation:
        mapped.add(f"localisation.{key}", KEPT)


def _categories(mapped: Mapped, data: dict):
    for index, category in enumerate(data.get("categories") or []):
        mapped.categories.append(category)
        target = EQUIVALENT_CATEGORIES.get(category, category)
        mapped.add(f"categories[{index}]", MAPPED if target != category else KEPT, category)
    audience = data.get("intendedAudience") or {}
    for index, scope in enumerate(audience.get("scope") or []):
        if scope in SCOPE_CATEGORIES:
            mapped.categories.append(SCOPE_CATEGORIES[scope])
            mapped.add(f"intendedAudience.scope[{index}]", MAPPED, f"category {scope}")
        else:
            mapped.add(f"intendedAudience.scope[{index}]", DROPPED, f"no category for {scope}")
    for key in audience:
        if key != "scope":
            mapped.add(f"intendedAudience.{key}", DROPPED, NOT_STORED)


def merged_releases(existing: list, release: dict | None) -> list:
    """The entry's releases with the file's one added (or its date updated), newest first."""
    releases = [dict(item) for item in existing or []]
    if release:
        same = [
            item
            for item in releases
            if item.get("version", "") == release.get("version", "")
            and (release.get("version") or item.get("date") == release.get("date"))
        ]
        if same:
            same[0].update(release)
        else:
            releases.append(dict(release))
    return sorted(releases, key=lambda item: item.get("date", ""), reverse=True)


def kind_for(existing_kind: str | None, software_type: str, mapped_kind: str) -> str:
    """An entry whose kind already exports as this software type keeps it (a service stays a
    service); otherwise the type decides."""
    if existing_kind and KIND_TO_SOFTWARE_TYPE.get(existing_kind) == software_type:
        return existing_kind
    return mapped_kind
