"""publiccode.yml: parse safely, validate against the standard (0.x, current 0.7), map to and from
the catalogue's components.

Written from the standard's documentation (`schema.core.rst`, `schema.it.rst`, `CHANGELOG.rst`).
Every problem is reported with the key's path and a reason; deprecated keys and older versions
are warnings. Rules follow the version the file declares (a key deprecated in 0.5 is not
"deprecated" in a 0.3 file; the contractors rule of 0.5 does not apply to 0.2-0.4 files).
Optional keys given as an empty string count as absent, as the standard's reference parser
reads them. Checks that need the network (URL reachability, oEmbed, the Italian IPA registry)
are not made. Files named by a path relative to the repository (logo, screenshots,
authorsFile) are checked when the repository is given (a local checkout or a base URL, see
repository.py); read alone, the file gets a warning that they could not be checked.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from language_tags import tags as language_tags

from catalogue.licences import is_spdx_expression as _valid_spdx
from catalogue.publiccode.repository import LocalCheckout, Repository, Unreachable
from catalogue.publiccode.vocabulary import CATEGORIES, SCOPES, SUPPORT_ALIASES

CURRENT_VERSION = "0.7"
MAX_MINOR = 7
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20

DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles",
)  # fmt: skip
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
PLATFORMS = ("web", "windows", "mac", "linux", "ios", "android")
LOGO_EXTENSIONS = (".svg", ".svgz", ".png")
SCREENSHOT_EXTENSIONS = (".png", ".jpg", ".jpeg")
MIME_TYPE = re.compile(r"^[A-Za-z0-9][\w!#$&^.+-]*/[A-Za-z0-9][\w!#$&^.+-]*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# IPA codes are compared without regard to case: the official register has codes in capitals.
IPA_CODE = re.compile(r"^[A-Za-z0-9_]+$")
IT_EXTENSION_VERSIONS = ("0.2", "1.0")

TOP_LEVEL_KEYS = {
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
    "softwareVersion", "releaseDate", "logo", "monochromeLogo", "inputTypes", "outputTypes",
    "platforms", "categories", "usedBy", "fundedBy", "roadmap", "developmentStatus",
    "softwareType", "supports", "organisation", "intendedAudience", "description", "legal",
    "maintenance", "localisation", "dependsOn",
}  # fmt: skip
DESCRIPTION_KEYS = {
    "localisedName", "genericName", "shortDescription", "longDescription", "documentation",
    "apiDocumentation", "features", "screenshots", "videos", "awards",
}  # fmt: skip
# Keys deprecated by a version of the standard: (minor version, what to write instead).
DEPRECATED = {
    "monochromeLogo": 3,
    "inputTypes": 3,
    "outputTypes": 3,
}
# Keys whose value is a version number: written unquoted (`version: 1.0`), YAML reads a number;
# the reference parser reads its text, so it is accepted with a warning.
VERSION_KEYS = {"publiccodeYmlVersion", "softwareVersion", "version", "versionMin", "versionMax"}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass
class Report:
    data: dict | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def error(self, path, message):
        self.errors.append(Problem(path, message))

    def warn(self, path, message):
        self.warnings.append(Problem(path, message))


# --- Safe YAML -------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe YAML with YAML 1.2 booleans (only true/false) and no aliases.

    Aliases are refused outright: publiccode.yml has no use for them, and refusing them rules
    out "billion laughs" documents that expand to gigabytes.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _depth_ok(value, depth=0):
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, dict):
        return all(_depth_ok(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_depth_ok(v, depth + 1) for v in value)
    return True


def parse(content: bytes | str) -> Report:
    report = Report()
    if isinstance(content, str):
        content = content.encode("utf-8")
    if len(content) > MAX_FILE_BYTES:
        report.error("", f"the file is larger than {MAX_FILE_BYTES} bytes")
        return report
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.error("", f"the file is not UTF-8 encoded (byte {exc.start})")
        return report
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (_Loader is a SafeLoader)
    except yaml.YAMLError as exc:
        report.error("", f"not valid YAML: {exc}".replace("\n", " "))
        return report
    if not isinstance(data, dict):
        report.error("", "the document must be a mapping of keys")
        return report
    if not _depth_ok(data):
        report.error("", f"the document is nested more than {MAX_DEPTH} levels deep")
        return report
    report.data = data
    return report


# --- Value checks ------------------------------------------------------------------------------


def _is_url(value, schemes=("http", "https")) -> bool:
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parsed = urlparse(value)
    return parsed.scheme in schemes and bool(parsed.netloc)


def _is_uri(value) -> bool:
    if not isinstance(value, str) or not value or any(ch.isspace() for ch in value):
        return False
    parsed = urlparse(value)
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*$", parsed.scheme or ""):
        return False
    if parsed.scheme in ("http", "https"):
        return bool(parsed.netloc)
    return bool(parsed.netloc or parsed.path)


def _length(text: str) -> int:
    # User-perceived characters, approximated by code points after NFC composition.
    return len(unicodedata.normalize("NFC", text))


def _valid_language(tag) -> bool:
    return isinstance(tag, str) and "_" not in tag and language_tags.check(tag)


def _date(value):
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _valid_country(code) -> bool:
    import pycountry

    return (
        isinstance(code, str)
        and len(code) == 2
        and (code.isupper() or code.islower())
        and pycountry.countries.get(alpha_2=code.upper()) is not None
    )


# Tells whether a code is in the Italian register of public administrations (IndicePA);
# compared without regard to case. Reaching the register needs the network, so it is given
# only by callers that may use it.
IpaRegistry = Callable[[str], bool]


class _Validator:
    def __init__(
        self, report: Report, repository: Repository | None, ipa_registry: IpaRegistry | None
    ):
        self.report = report
        self.repository = repository
        self.ipa_registry = ipa_registry
        # The declared minor version (0.x); "0" and unreadable versions count as the current.
        self.minor = MAX_MINOR

    # helpers
    def err(self, path, message):
        self.report.error(path, message)

    def warn(self, path, message):
        self.report.warn(path, message)

    def deprecated(self, path, since_minor, advice=""):
        """Warn about a deprecated key, when the file's version already deprecates it."""
        if self.minor >= since_minor:
            self.warn(path, f"deprecated since version 0.{since_minor}{advice}")

    def string(self, data, key, path, *, required=False):
        """The key's text; None when absent. An optional key left empty counts as absent."""
        if key not in data or data[key] is None:
            if required:
                self.err(path, "is required")
            return None
        value = data[key]
        if key in VERSION_KEYS and isinstance(value, int | float) and not isinstance(value, bool):
            self.warn(path, f"the version {value} is written as a number; quote it (“{value}”)")
            value = str(value)
        if not isinstance(value, str):
            self.err(path, "must be a string")
            return None
        if not value.strip():
            if required:
                self.err(path, "may not be empty")
            return None
        return value

    def string_list(self, data, key, path, *, required=False, allow_empty=True):
        if key not in data or data[key] is None:
            if required:
                self.err(path, "is required")
            return None
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.err(path, "must be a list of strings")
            return None
        if not allow_empty and not value:
            self.err(path, "may not be empty")
            return None
        return value

    def mapping(self, data, key, path, *, required=False):
        if key not in data or data[key] is None:
            if required:
                self.err(path, "is required")
            return None
        if not isinstance(data[key], dict):
            self.err(path, "must be a mapping")
            return None
        return data[key]

    def url(self, data, key, path, *, required=False):
        value = self.string(data, key, path, required=required)
        if value is not None and not _is_url(value):
            self.err(path, f"“{value}” is not a valid http(s) URL")
        return value

    def unknown_keys(self, data, allowed, path):
        for key in data:
            if key not in allowed:
                self.err(f"{path}.{key}" if path else str(key), "is not a key of publiccode.yml")

    def file_reference(self, value, path, extensions=None):
        """A path relative to the repository's root, or an absolute http(s) URL, to a file
        (of one of the given kinds). Checked in the repository when it is given."""
        parsed = urlparse(value)
        if parsed.scheme:
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                self.err(path, "must be a path relative to the repository's root or an http(s) URL")
                return
        elif value.startswith("/"):
            self.err(path, "must be a path relative to the repository's root, not absolute")
            return
        if extensions and not parsed.path.lower().endswith(extensions):
            self.err(path, f"must be a file of type {', '.join(extensions)}")
            return
        if parsed.scheme:
            return  # an absolute URL: reaching it needs the network, which is not used here
        if self.repository is None:
            self.warn(
                path,
                f"“{value}” is a path in the software's repository; it was not checked because "
                f"the file was read without its repository",
            )
            return
        try:
            content = self.repository.read(value)
        except Unreachable as exc:
            self.warn(path, f"“{value}” could not be checked in {self.repository}: {exc}")
            return
        if content is None:
            self.err(path, f"the file “{value}” does not exist in the repository")
            return
        suffix = parsed.path.lower().rsplit(".", 1)[-1]
        if suffix == "png" and not content.startswith(b"\x89PNG\r\n\x1a\n"):
            self.err(path, f"“{value}” is not a PNG image")
        elif suffix in ("jpg", "jpeg") and not content.startswith(b"\xff\xd8\xff"):
            self.err(path, f"“{value}” is not a JPEG image")
        elif suffix == "svg" and b"<svg" not in content[:4096]:
            self.err(path, f"“{value}” is not an SVG image")

    # sections
    def run(self, data):
        self.version(data)
        self.unknown_top_level(data)
        self.string(data, "name", "name", required=True)
        self.string(data, "applicationSuite", "applicationSuite")
        url = self.string(data, "url", "url", required=True)
        if url is not None and not _is_uri(url):
            self.err("url", f"“{url}” is not a valid URL")
        self.url(data, "landingURL", "landingURL")
        self.is_based_on(data)
        self.string(data, "softwareVersion", "softwareVersion")
        if "releaseDate" in data and _date(data["releaseDate"]) is None:
            self.err("releaseDate", "must be a date written YYYY-MM-DD")
        for key in ("logo", "monochromeLogo"):
            value = self.string(data, key, key)
            if value is not None:
                self.file_reference(value, key, LOGO_EXTENSIONS)
        for key in ("inputTypes", "outputTypes"):
            for index, item in enumerate(self.string_list(data, key, key) or []):
                if not MIME_TYPE.match(item):
                    self.err(f"{key}[{index}]", f"“{item}” is not a MIME type")
        for key, since in DEPRECATED.items():
            if key in data:
                self.deprecated(key, since)
        self.platforms(data)
        for index, category in enumerate(self.string_list(data, "categories", "categories") or []):
            if category not in CATEGORIES:
                self.err(f"categories[{index}]", f"“{category}” is not in the categories list")
        self.string_list(data, "usedBy", "usedBy")
        self.organisations(data)
        self.url(data, "roadmap", "roadmap")
        self.enum(data, "developmentStatus", DEVELOPMENT_STATUSES)
        self.enum(data, "softwareType", SOFTWARE_TYPES)
        self.supports(data)
        self.intended_audience(data)
        self.description(data)
        self.legal(data)
        self.maintenance(data)
        self.localisation(data)
        self.depends_on(data)
        self.italian_section(data)

    def version(self, data):
        version = self.string(data, "publiccodeYmlVersion", "publiccodeYmlVersion", required=True)
        if version is None:
            return
        match = re.fullmatch(r"0(?:\.(\d+))?(?:\.(\d+))?", version.strip())
        if not match or (match.group(1) and int(match.group(1)) > MAX_MINOR):
            self.err(
                "publiccodeYmlVersion",
                f"“{version}” is not a published version (0, 0.2 … {CURRENT_VERSION})",
            )
        elif match.group(1) and int(match.group(1)) < MAX_MINOR:
            self.minor = int(match.group(1))
            self.warn(
                "publiccodeYmlVersion",
                f"version {version} is older than the current {CURRENT_VERSION}; consider "
                f"upgrading",
            )

    def unknown_top_level(self, data):
        for key in data:
            if key in TOP_LEVEL_KEYS:
                continue
            if isinstance(key, str) and key.upper() == "IT":
                continue
            self.err(str(key), "is not a key of publiccode.yml")

    def enum(self, data, key, values):
        value = self.string(data, key, key, required=True)
        if value is not None and value not in values:
            self.err(key, f"“{value}” is not one of: {', '.join(values)}")

    def is_based_on(self, data):
        if "isBasedOn" not in data:
            return
        value = data["isBasedOn"]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            self.err("isBasedOn", "must be a URL or a list of URLs")
            return
        for index, item in enumerate(items):
            if not _is_uri(item) or "://" not in item:
                path = "isBasedOn" if isinstance(value, str) else f"isBasedOn[{index}]"
                self.err(path, f"“{item}” is not a valid URL")

    def platforms(self, data):
        value = data.get("platforms")
        if value is None:
            self.err("platforms", "is required")
        elif not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            self.err("platforms", "must be a list of platforms")
        elif not value:
            self.err("platforms", "may not be empty")

    def organisations(self, data):
        organisation = self.mapping(data, "organisation", "organisation")
        if organisation is not None:
            self.unknown_keys(organisation, {"uri", "name"}, "organisation")
            uri = self.string(organisation, "uri", "organisation.uri", required=True)
            if uri is not None:
                self.organisation_uri(uri, "organisation.uri")
            self.string(organisation, "name", "organisation.name")
        if "fundedBy" not in data:
            return
        funders = data["fundedBy"]
        if not isinstance(funders, list) or not all(isinstance(f, dict) for f in funders):
            self.err("fundedBy", "must be a list of organisations")
            return
        for index, funder in enumerate(funders):
            path = f"fundedBy[{index}]"
            self.unknown_keys(funder, {"uri", "name"}, path)
            self.string(funder, "name", f"{path}.name")
            uri = self.string(funder, "uri", f"{path}.uri", required=True)
            if uri is not None:
                self.organisation_uri(uri, f"{path}.uri")

    def organisation_uri(self, uri, path):
        if not _is_uri(uri):
            self.err(path, f"“{uri}” is not a valid URI")
        elif uri.lower().startswith("urn:x-italian-pa:"):
            self.ipa_code(uri.split(":", 2)[2], path)

    def ipa_code(self, code, path):
        if not IPA_CODE.match(code):
            self.err(path, f"“{code}” is not a valid Italian PA (IPA) code")
        elif self.ipa_registry is not None and not self.ipa_registry(code):
            self.err(path, f"“{code}” is not in the Italian register of administrations (IPA)")

    def supports(self, data):
        if "supports" not in data:
            return
        items = data["supports"]
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            self.err("supports", "must be a list of {id: …} objects")
            return
        for index, item in enumerate(items):
            path = f"supports[{index}]"
            self.unknown_keys(item, {"id"}, path)
            identifier = self.string(item, "id", f"{path}.id", required=True)
            if identifier is None:
                continue
            if identifier.startswith("alias:"):
                if identifier.removeprefix("alias:") not in SUPPORT_ALIASES:
                    self.err(f"{path}.id", f"“{identifier}” is not a known alias")
            elif not _is_uri(identifier):
                self.err(f"{path}.id", f"“{identifier}” is not a valid URI")

    def intended_audience(self, data):
        audience = self.mapping(data, "intendedAudience", "intendedAudience")
        if audience is None:
            return
        self.unknown_keys(
            audience, {"countries", "unsupportedCountries", "scope"}, "intendedAudience"
        )
        for key in ("countries", "unsupportedCountries"):
            path = f"intendedAudience.{key}"
            for index, code in enumerate(self.string_list(audience, key, path) or []):
                if not _valid_country(code):
                    self.err(f"{path}[{index}]", f"“{code}” is not an ISO 3166-1 alpha-2 code")
                elif code.islower():
                    self.deprecated(f"{path}[{index}]", 5, "; write country codes in capitals")
        path = "intendedAudience.scope"
        for index, scope in enumerate(self.string_list(audience, "scope", path) or []):
            if scope not in SCOPES:
                self.err(f"{path}[{index}]", f"“{scope}” is not in the scope list")

    def description(self, data):
        description = self.mapping(data, "description", "description", required=True)
        if description is None:
            return
        if not description:
            self.err("description", "must describe the software in at least one language")
            return
        long_found = features_found = False
        for language, section in description.items():
            path = f"description.{language}"
            if not _valid_language(language):
                self.err(path, f"“{language}” is not a BCP 47 language tag")
                continue
            if not isinstance(section, dict):
                self.err(path, "must be a mapping")
                continue
            self.unknown_keys(section, DESCRIPTION_KEYS, path)
            self.string(section, "localisedName", f"{path}.localisedName")
            generic = self.string(section, "genericName", f"{path}.genericName")
            if generic is not None:
                self.deprecated(f"{path}.genericName", 3)
                if _length(generic) > 35:
                    self.err(f"{path}.genericName", "is longer than 35 characters")
            short = self.string(
                section, "shortDescription", f"{path}.shortDescription", required=True
            )
            if short is not None and _length(short) > 150:
                self.err(f"{path}.shortDescription", "is longer than 150 characters")
            if "longDescription" in section:
                long = self.string(section, "longDescription", f"{path}.longDescription")
                long_found = True
                if long is not None and not 150 <= _length(long) <= 10_000:
                    self.err(f"{path}.longDescription", "must be 150 to 10,000 characters long")
            for key in ("documentation", "apiDocumentation"):
                self.url(section, key, f"{path}.{key}")
            if "features" in section:
                features_found = True
                self.string_list(section, "features", f"{path}.features", allow_empty=False)
            for index, shot in enumerate(
                self.string_list(section, "screenshots", f"{path}.screenshots") or []
            ):
                self.file_reference(shot, f"{path}.screenshots[{index}]", SCREENSHOT_EXTENSIONS)
            for index, video in enumerate(
                self.string_list(section, "videos", f"{path}.videos") or []
            ):
                if not _is_url(video):
                    self.err(f"{path}.videos[{index}]", f"“{video}” is not a valid URL")
            self.string_list(section, "awards", f"{path}.awards")
        if not long_found:
            self.err("description", "longDescription is required in at least one language")
        if not features_found:
            self.err("description", "features are required in at least one language")

    def legal(self, data):
        legal = self.mapping(data, "legal", "legal", required=True)
        if legal is None:
            return
        self.unknown_keys(
            legal, {"license", "mainCopyrightOwner", "repoOwner", "authorsFile"}, "legal"
        )
        licence = self.string(legal, "license", "legal.license", required=True)
        if licence is not None and not _valid_spdx(licence):
            self.err("legal.license", f"“{licence}” is not a valid SPDX licence expression")
        self.string(legal, "mainCopyrightOwner", "legal.mainCopyrightOwner")
        if self.string(legal, "repoOwner", "legal.repoOwner") is not None:
            self.deprecated("legal.repoOwner", 5, "; use organisation.name")
        authors = self.string(legal, "authorsFile", "legal.authorsFile")
        if authors is not None:
            self.deprecated("legal.authorsFile", 4)
            self.file_reference(authors, "legal.authorsFile")

    def maintenance(self, data):
        maintenance = self.mapping(data, "maintenance", "maintenance", required=True)
        if maintenance is None:
            return
        self.unknown_keys(maintenance, {"type", "contractors", "contacts"}, "maintenance")
        kind = self.string(maintenance, "type", "maintenance.type", required=True)
        if kind is not None and kind not in MAINTENANCE_TYPES:
            self.err("maintenance.type", f"“{kind}” is not one of: {', '.join(MAINTENANCE_TYPES)}")
        contractors = maintenance.get("contractors")
        if kind == "contract" and not contractors:
            self.err("maintenance.contractors", "is required when maintenance.type is contract")
        elif kind != "contract" and contractors and self.minor >= 5:
            # Version 0.5 clarified it: contractors "must not be present otherwise".
            self.err(
                "maintenance.contractors",
                "is only allowed when maintenance.type is contract (since version 0.5)",
            )
        if contractors is not None:
            self.people(contractors, "maintenance.contractors", contractor=True)
        contacts = maintenance.get("contacts")
        if kind in ("internal", "community") and not contacts:
            self.err("maintenance.contacts", f"is required when maintenance.type is {kind}")
        if contacts is not None:
            self.people(contacts, "maintenance.contacts", contractor=False)

    def people(self, items, path, *, contractor):
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            self.err(path, "must be a list")
            return
        allowed = {"name", "until", "email", "website"} if contractor else {
            "name", "email", "phone", "affiliation",
        }  # fmt: skip
        for index, person in enumerate(items):
            here = f"{path}[{index}]"
            self.unknown_keys(person, allowed, here)
            self.string(person, "name", f"{here}.name", required=True)
            email = self.string(person, "email", f"{here}.email")
            if email is not None:
                try:
                    EmailValidator()(email)
                except ValidationError:
                    self.err(f"{here}.email", f"“{email}” is not an e-mail address")
            if contractor:
                if "until" not in person:
                    self.err(f"{here}.until", "is required")
                elif _date(person["until"]) is None:
                    self.err(f"{here}.until", "must be a date written YYYY-MM-DD")
                self.url(person, "website", f"{here}.website")
            else:
                # An unquoted +32... is read as a number by YAML; it is still a phone number.
                if "phone" in person and not isinstance(person["phone"], str | int):
                    self.err(f"{here}.phone", "must be a string")
                self.string(person, "affiliation", f"{here}.affiliation")

    def localisation(self, data):
        localisation = self.mapping(data, "localisation", "localisation", required=True)
        if localisation is None:
            return
        self.unknown_keys(localisation, {"localisationReady", "availableLanguages"}, "localisation")
        if "localisationReady" not in localisation:
            self.err("localisation.localisationReady", "is required")
        elif not isinstance(localisation["localisationReady"], bool):
            self.err("localisation.localisationReady", "must be true or false")
        path = "localisation.availableLanguages"
        languages = self.string_list(
            localisation, "availableLanguages", path, required=True, allow_empty=False
        )
        for index, language in enumerate(languages or []):
            if not _valid_language(language):
                self.err(f"{path}[{index}]", f"“{language}” is not a BCP 47 language tag")

    def depends_on(self, data):
        depends = self.mapping(data, "dependsOn", "dependsOn")
        if depends is None:
            return
        self.unknown_keys(depends, {"open", "proprietary", "hardware"}, "dependsOn")
        for kind in ("open", "proprietary", "hardware"):
            if kind not in depends:
                continue
            items = depends[kind]
            path = f"dependsOn.{kind}"
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                self.err(path, "must be a list of dependencies")
                continue
            for index, item in enumerate(items):
                here = f"{path}[{index}]"
                self.unknown_keys(
                    item, {"name", "versionMin", "versionMax", "version", "optional"}, here
                )
                self.string(item, "name", f"{here}.name", required=True)
                for key in ("versionMin", "versionMax", "version"):
                    self.string(item, key, f"{here}.{key}")
                if "optional" in item and not isinstance(item["optional"], bool):
                    self.err(f"{here}.optional", "must be true or false")

    def italian_section(self, data):
        keys = [key for key in data if isinstance(key, str) and key.upper() == "IT"]
        if not keys:
            return
        if len(keys) > 1:
            self.err(keys[1], "the Italian section appears twice (IT and it)")
            return
        key = keys[0]
        if key not in ("IT", "it"):
            self.err(key, "country sections are written IT (or the deprecated it)")
            return
        if key == "it":
            self.warn("it", "lowercase country sections are deprecated; write IT")
        self.deprecated(key, 7, "; use the supports key")
        section = self.mapping(data, key, key)
        if section is None:
            return
        self.unknown_keys(
            section, {"countryExtensionVersion", "conforme", "piattaforme", "riuso"}, key
        )
        version = self.string(section, "countryExtensionVersion", f"{key}.countryExtensionVersion")
        if version is not None and version not in IT_EXTENSION_VERSIONS:
            self.err(
                f"{key}.countryExtensionVersion",
                f"must be one of {', '.join(IT_EXTENSION_VERSIONS)}",
            )
        flags = {
            "conforme": (
                "lineeGuidaDesign",
                "modelloInteroperabilita",
                "misureMinimeSicurezza",
                "gdpr",
            ),
            "piattaforme": ("spid", "cie", "anpr", "pagopa", "io"),
        }
        for name, allowed in flags.items():
            part = self.mapping(section, name, f"{key}.{name}")
            if part is None:
                continue
            if name == "conforme":
                self.deprecated(f"{key}.conforme", 5, "; use the supports key")
            self.unknown_keys(part, set(allowed), f"{key}.{name}")
            for flag in allowed:
                if flag in part and not isinstance(part[flag], bool):
                    self.err(f"{key}.{name}.{flag}", "must be true or false")
        riuso = self.mapping(section, "riuso", f"{key}.riuso")
        if riuso is not None:
            self.unknown_keys(riuso, {"codiceIPA"}, f"{key}.riuso")
            code = self.string(riuso, "codiceIPA", f"{key}.riuso.codiceIPA")
            if code is not None:
                self.deprecated(f"{key}.riuso.codiceIPA", 5, "; use organisation.uri")
                self.ipa_code(code.strip(), f"{key}.riuso.codiceIPA")


def validate(
    content: bytes | str,
    *,
    repository: Repository | None = None,
    base_dir: Path | None = None,
    ipa_registry: IpaRegistry | None = None,
) -> Report:
    """Parse and validate a publiccode.yml document.

    ``repository`` (or ``base_dir``, a local checkout) is where files named by relative path
    are looked up; without it they are reported as warnings, not checked. ``ipa_registry``
    checks Italian administration codes against the register when given.
    """
    report = parse(content)
    if repository is None and base_dir is not None:
        repository = LocalCheckout(base_dir)
    if report.data is not None:
        _Validator(report, repository, ipa_registry).run(report.data)
    return report
