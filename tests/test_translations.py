"""The interface is complete in French and Dutch, and the committed catalogues are compiled."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests import factories

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]

# An entry starts at a `msgid` line that is not commented out (`#~` marks obsolete entries).
PO_ENTRY = re.compile(r"^msgid ", re.MULTILINE)
PO_FUZZY = re.compile(r"^#,.*\bfuzzy\b", re.MULTILINE)


def _po_text(language):
    return (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")


def _compiled_msgids(language):
    """The msgids the compiled catalogue translates (msgfmt drops untranslated entries)."""
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        catalog = gettext.GNUTranslations(mo_file)._catalog
    return {key[0] if isinstance(key, tuple) else key for key in catalog} - {""}


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_string_is_translated_and_compiled(language):
    po_text = _po_text(language)
    entries = len(PO_ENTRY.findall(po_text)) - 1  # the header is an entry too
    assert PO_FUZZY.findall(po_text) == [], "fuzzy translations are not used at run time"
    assert len(_compiled_msgids(language)) == entries, (
        "untranslated strings, or a .po changed without `make messages`"
    )


def test_french_and_dutch_translate_the_same_strings():
    assert _compiled_msgids("fr") == _compiled_msgids("nl")


@pytest.mark.parametrize(
    ("language", "heading", "field_label"),
    [
        ("fr", "Catalogue des composants réutilisables", "Rechercher"),
        ("nl", "Catalogus van herbruikbare componenten", "Zoeken"),
    ],
)
def test_catalogue_page_speaks_the_chosen_language(client, db, language, heading, field_label):
    html = client.get(f"/{language}/components/").content.decode()
    assert f'lang="{language}"' in html
    assert heading in html
    assert f">{field_label}</label>" in html


def test_roi_method_page_in_dutch(client, db):
    html = client.get("/nl" + reverse("catalogue:roi-method")).content.decode()
    assert "Hoe besparingen door hergebruik gemeten worden" in html
    assert "Per project: kost zonder hergebruik" in html


def test_categories_are_shown_in_the_chosen_language(client, db):
    security = factories.category(
        name="Security", name_fr="Sécurité", name_nl="Beveiliging", slug="security"
    )
    untranslated = factories.category(name="Mobile", slug="mobile")
    component = factories.component(slug="aaas", categories=[security, untranslated])
    with translation.override("nl"):
        urls = [reverse("catalogue:component-list"), component.get_absolute_url()]
    listing, detail = (client.get(url).content.decode() for url in urls)
    for html in (listing, detail):
        assert "Beveiliging" in html and "Security" not in html
        assert "Mobile" in html  # no Dutch name: the English one stands in
