"""The published catalogue as code.json: an agency inventory whose releases follow the code.json
metadata schema 2.0.0, one release per published component.

Builders take components (in batches, so the inventory streams) already loaded with
their relations, and a function that makes absolute URLs; views only gather and serialise.
Where the schema requires a fact the catalogue lacks, the release gets the schema's own "none"
value (laborHours 0, SBOM "None", AIUseCaseID "0", empty lists), never an invented figure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from catalogue import licences
from catalogue.models import Component, Lifecycle, ReuseConditions
from catalogue.opendata.adms import Url
from catalogue.opendata.iri import safe_iri

SCHEMA_VERSION = "2.0.0"
CODEJSON_STATUS = {
    Lifecycle.CONCEPT: "Ideation",
    Lifecycle.DEVELOPMENT: "Development",
    Lifecycle.PILOT: "Beta",
    Lifecycle.PRODUCTION: "Production",
    Lifecycle.DEPRECATED: "Archival",
    Lifecycle.RETIRED: "Archival",
}
# The licence names schema 2.0.0 enumerates; any other licence is "Other" there, so the SPDX
# identifier is also given in the licence URL and in the `spdxLicense` extension key.
SCHEMA_LICENCES = {
    "CC0-1.0", "Apache-2.0", "MIT", "MPL-2.0", "GPL-2.0-only", "GPL-3.0-only",
    "GPL-3.0-or-later", "LGPL-2.1-only", "LGPL-3.0-only", "BSD-2-Clause", "BSD-3-Clause",
    "EPL-2.0",
}  # fmt: skip
USAGE = {
    ReuseConditions.OPEN_SOURCE: ["openSource"],
    ReuseConditions.PUBLIC_SECTOR: ["governmentWideReuse"],
    ReuseConditions.MEMBERS_ONLY: ["governmentWideReuse"],
}
GIT_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "git.sr.ht")


def vcs_of(repository_url: str) -> str:
    """The version-control system a repository URL reveals ("none" when it reveals none)."""
    if not repository_url:
        return "none"
    parts = urlsplit(repository_url.lower())
    host, path = parts.hostname or "", parts.path.rstrip("/")
    if parts.scheme in ("git", "git+ssh", "ssh") or path.endswith(".git"):
        return "git"
    if host in GIT_HOSTS or host.startswith(("gitlab.", "git.", "gitea.", "forgejo.")):
        return "git"
    if parts.scheme.startswith("svn") or host.startswith("svn.") or "/svn/" in f"{path}/":
        return "svn"
    if host.startswith("hg.") or "/hg/" in f"{path}/":
        return "hg"
    return "none"


def _licences(component: Component, page: str) -> list[dict]:
    if component.licence == licences.RESTRICTED:
        return [{"name": "None", "URL": page}]
    result = []
    for identifier in licences.identifiers(component.licence):
        name = identifier if identifier in SCHEMA_LICENCES else "Other"
        url = f"https://spdx.org/licenses/{identifier.removesuffix('+')}.html"
        if identifier.startswith("LicenseRef-"):
            url = page
        result.append({"name": name, "URL": url})
    return result


def _contact(component: Component) -> dict:
    if component.support_name or component.support_email:
        contact = {"name": component.support_name or str(component.owner.original("name"))}
        if component.support_email:
            contact["email"] = component.support_email
        return contact
    contact = {"name": str(component.owner.original("name"))}
    if component.owner.contact_email:
        contact["email"] = component.owner.contact_email
    return contact


def _url(value: str, fallback: str) -> str:
    iri = safe_iri(value)
    return str(iri) if iri is not None and not iri.startswith("mailto:") else fallback


def codejson_release(component: Component, *, absolute: Url) -> dict:
    """One component as a code.json release (schema 2.0.0)."""
    page = absolute(component.get_absolute_url())
    repository = _url(component.source_code_url, "")
    tags = [c.name for c in component.categories.all()] + [
        t.name for t in component.technologies.all()
    ]
    release = {
        # The entry's own language; "translations" holds the others.
        "name": str(component.original("name")),
        "description": str(component.original("short_description")),
        "longDescription": str(component.original("long_description")),
        "status": CODEJSON_STATUS[component.lifecycle],
        "permissions": {
            "licenses": _licences(component, page),
            "usageType": USAGE.get(component.reuse_conditions, []),
            "exemptionText": None,
        },
        "organization": str(component.owner.original("name")),
        # Without a known public repository the code is not public as far as the catalogue
        # knows: the entry's page stands for it, marked private.
        "repositoryURL": repository or page,
        "repositoryVisibility": "public" if repository else "private",
        "homepageURL": _url(component.website_url, page),
        "vcs": vcs_of(repository),
        "laborHours": 0,
        # Projects that reuse it as the source states (inferred links are not counted).
        "reuseFrequency": {"reusingProjects": _reusing_projects(component)},
        "languages": [],
        "maintenance": "internal" if component.has_support_contact else "none",
        "contractNumber": [],
        "SBOM": "None",
        "reusedCode": [
            {"name": dependency.name, "URL": absolute(dependency.get_absolute_url())}
            for dependency in component.depends_on.all()
        ],
        "partners": [{"name": str(partner)} for partner in component.contributors.all()],
        "date": {"metadataLastUpdated": component.updated.isoformat()},
        "tags": list(dict.fromkeys(tags)),
        "contact": _contact(component),
        "feedbackMechanism": _url(component.support_url, page),
        "AIUseCaseID": "0",
        # Not in the schema (which allows extra keys): the texts in every language present.
        "translations": _translations(component),
    }
    if component.licence and component.licence != licences.RESTRICTED:
        release["spdxLicense"] = component.licence
    return release


def codejson_inventory(components: Iterable[Component], *, absolute: Url, agency: str) -> dict:
    """The agency's code inventory: who publishes it, the schema version, how the inventory
    is measured (one release per catalogue entry) and the releases."""
    return {
        **_inventory_head(agency),
        "releases": [codejson_release(component, absolute=absolute) for component in components],
    }


def codejson_inventory_chunks(
    batches: Iterable[Iterable[Component]], *, absolute: Url, agency: str
) -> Iterator[str]:
    """The same inventory as JSON text, one chunk per batch of components: streamed, its
    memory is one batch's whatever the catalogue's size."""
    head = json.dumps(_inventory_head(agency), ensure_ascii=False)
    yield head[:-1] + ', "releases": ['
    separator = ""
    for batch in batches:
        releases = [
            json.dumps(codejson_release(component, absolute=absolute), ensure_ascii=False)
            for component in batch
        ]
        if releases:
            yield separator + ", ".join(releases)
            separator = ", "
    yield "]}"


def _inventory_head(agency: str) -> dict:
    return {"agency": agency, "version": SCHEMA_VERSION, "measurementType": {"method": "projects"}}


def _reusing_projects(component: Component) -> int:
    """Projects that reuse it as the source states (inferred links are not counted): the
    exports' count (``with_reuse_count``) when there is one."""
    count = getattr(component, "reuse_count", None)
    if count is not None:
        return count
    return len([reuse for reuse in component.reuses.all() if not reuse.inferred])


def _translations(component: Component) -> dict:
    keys = {
        "name": "name",
        "short_description": "description",
        "long_description": "longDescription",
    }
    texts = {}
    for field, key in keys.items():
        for language, text in component.variants(field).items():
            texts.setdefault(language, {})[key] = text
    return texts
