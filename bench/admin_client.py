"""A small HTTP client that uses the admin like a browser: it logs in (with the CSRF token),
reads a change form's fields from the page, and posts them back, changed or not. Standard
library only, so the load benchmark and the server tests need nothing else."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields of the admin's form on a page: the first whose id ends with ``_form`` (a change
    form) or is ``login-form`` (not the logout form in the header)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.done = False
        self.select = None  # name of the open <select>
        self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        form_id = attrs.get("id") or ""
        if (
            tag == "form"
            and not self.done
            and (form_id.endswith("_form") or form_id == "login-form")
        ):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, "".join(self.text).removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


class AdminSession:
    def __init__(self, base_url: str, admin_path: str = "/admin/"):
        self.base = base_url.rstrip("/")
        self.admin = admin_path
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect
        )

    def request(self, path, data=None, headers=None):
        """(status, body) — never raises on an HTTP error status."""
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
        # Only ever the benchmark's own http:// server.
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=body, headers=headers or {}
        )
        if data is not None:
            request.add_header("Referer", self.base + path)
            token = self.csrf_token()
            if token:
                request.add_header("X-CSRFToken", token)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def csrf_token(self) -> str:
        return next((c.value for c in self.cookies if c.name == "csrftoken"), "")

    def login(self, username: str, password: str) -> bool:
        status, page = self.request(self.admin + "login/")
        fields = dict(self.fields(page))
        fields.update(username=username, password=password)
        status, _ = self.request(self.admin + "login/", fields)
        return status == 302

    @staticmethod
    def fields(page: str) -> list[tuple[str, str]]:
        parser = FormFields()
        parser.feed(page)
        return parser.fields

    def form(self, path: str) -> tuple[int, list[tuple[str, str]]]:
        status, page = self.request(path)
        return status, self.fields(page)

    def save(self, path: str, **changes) -> tuple[int, str]:
        """Open the change form at ``path``, change some fields, post it back."""
        status, fields = self.form(path)
        if status != 200:
            return status, ""
        data = [(name, value) for name, value in fields if name not in changes]
        data += list(changes.items())
        data.append(("_save", "Save"))
        return self.request(path, data)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
