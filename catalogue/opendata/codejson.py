"""The published catalogue as code.json (schema 2.0.0).

The builder takes a published component (already loaded with its relations) and absolute URLs;
views only gather and serialise.
"""

from __future__ import annotations

from catalogue.models import Component, Lifecycle, ReuseConditions
from catalogue.models.component import RESTRICTED_LICENCE
from catalogue.opendata.adms import Url

CODEJSON_STATUS = {
    Lifecycle.CONCEPT: "Ideation",
    Lifecycle.DEVELOPMENT: "Development",
    Lifecycle.PILOT: "Beta",
    Lifecycle.PRODUCTION: "Production",
    Lifecycle.DEPRECATED: "Archival",
    Lifecycle.RETIRED: "Archival",
}
CODEJSON_LICENCES = {
    "CC0-1.0", "Apache-2.0", "MIT", "MPL-2.0", "GPL-2.0-only", "GPL-3.0-only",
    "GPL-3.0-or-later", "LGPL-2.1-only", "LGPL-3.0-only", "BSD-2-Clause", "BSD-3-Clause",
    "EPL-2.0",
}  # fmt: skip


def codejson_record(component: Component, *, absolute: Url) -> dict:
    """One component as a code.json (2.0.0) record. Unknown facts get the schema's 'none'
    values (laborHours 0, SBOM "None", AIUseCaseID "0"), never invented figures."""
    page = absolute(component.get_absolute_url())
    if component.licence in CODEJSON_LICENCES:
        licence = {
            "name": component.licence,
            "URL": f"https://spdx.org/licenses/{component.licence}.html",
        }
    elif component.licence == RESTRICTED_LICENCE:
        licence = {"name": "None", "URL": page}
    else:
        licence = {"name": "Other", "URL": page}
    usage = {
        ReuseConditions.OPEN_SOURCE: ["openSource"],
        ReuseConditions.PUBLIC_SECTOR: ["governmentWideReuse"],
        ReuseConditions.MEMBERS_ONLY: ["governmentWideReuse"],
    }.get(component.reuse_conditions, [])
    source = component.source_code_url
    contact = {"name": component.support_name or component.owner.display_name}
    if component.support_email:
        contact["email"] = component.support_email
    tags = [c.name for c in component.categories.all()] + [
        t.name for t in component.technologies.all()
    ]
    return {
        "name": component.name,
        "description": component.short_description,
        "longDescription": component.long_description,
        "status": CODEJSON_STATUS[component.lifecycle],
        "permissions": {"licenses": [licence], "usageType": usage, "exemptionText": None},
        "organization": component.owner.name,
        "repositoryURL": source or page,
        "repositoryVisibility": "public" if source else "private",
        "homepageURL": component.website_url or page,
        "vcs": "git" if source.endswith(".git") else "none",
        "laborHours": 0,
        "reuseFrequency": {"forks": 0, "clones": 0, "reusingProjects": len(component.reuses.all())},
        "languages": [],
        "maintenance": "internal",
        "contractNumber": [],
        "SBOM": "None",
        "reusedCode": [
            {"name": dependency.name, "URL": absolute(dependency.get_absolute_url())}
            for dependency in component.depends_on.all()
        ],
        "partners": [{"name": str(partner)} for partner in component.contributors.all()],
        "date": {
            "created": component.created.isoformat(),
            "lastModified": component.updated.isoformat(),
            "metadataLastUpdated": component.updated.isoformat(),
        },
        "tags": list(dict.fromkeys(tags)),
        "contact": contact,
        "feedbackMechanism": component.support_url or page,
        "AIUseCaseID": "0",
        # Not in the schema (which allows extra keys): the texts in every language present.
        "translations": _translations(component),
    }


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
