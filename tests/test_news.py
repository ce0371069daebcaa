"""News and events (issue 14): pages, home cards, related news, feeds, iCalendar, sitemap, API,
validation, the admin's scope and workflow, and that nothing unpublished shows anywhere."""

import datetime
import io
from http import HTTPStatus

import icalendar
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from catalogue.models import Event, NewsItem, Publication
from tests import factories
from tests.pagetext import sitemap_text
from tests.shared import SHARED_DIR
from tests.test_permissions import login, make_user

pytestmark = pytest.mark.django_db
ADMIN = "/admin/catalogue"
UNPUBLISHED = [Publication.DRAFT, Publication.SUBMITTED, Publication.REJECTED]


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def hidden():
    """A published news item and event next to unpublished ones in every state, all related
    to the same component and institution."""
    owner = factories.institution(name="Owner institution", slug="owner")
    component = factories.component(name="Shared component", slug="shared", owner=owner)
    made = {"owner": owner, "component": component}
    made["news"] = factories.news_item(
        title="Visible news", institution=owner, components=[component]
    )
    made["event"] = factories.event(
        title="Visible event", institution=owner, components=[component]
    )
    made["past_event"] = factories.event(
        title="Visible past event", institution=owner, days_from_today=-30
    )
    for state in UNPUBLISHED:
        factories.news_item(
            title=f"Secret news {state}", slug=f"secret-news-{state}", publication=state,
            institution=owner, components=[component],
        )  # fmt: skip
        factories.event(
            title=f"Secret event {state}", slug=f"secret-event-{state}", publication=state,
            institution=owner, components=[component],
        )  # fmt: skip
        factories.event(
            title=f"Secret past {state}", slug=f"secret-past-{state}", publication=state,
            institution=owner, days_from_today=-30,
        )  # fmt: skip
    return made


# ---- nothing unpublished leaks --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/", "/news/", "/news/?q=news", "/events/", "/events/?q=event", "/events/past/",
        "/components/shared/", "/institutions/owner/", "/fr/news/", "/nl/events/",
        "/feeds/news.rss", "/feeds/news.atom", "/feeds/events.rss", "/feeds/events.atom",
        "/feeds/events.ics", "/sitemap.xml", "/api/news/", "/api/events/",
        "/api/events/?when=past", "/api/events/?when=upcoming", "/api/news/?q=secret",
        "/api/news/?cursor=",
    ],
)  # fmt: skip
def test_unpublished_news_and_events_appear_nowhere(client, hidden, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "Secret" not in text and "secret-" not in text
    if url in ("/", "/news/", "/feeds/news.rss", "/api/news/", "/components/shared/"):
        assert "Visible news" in text


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_detail_pages_ical_and_api_answer_404(client, hidden, state):
    for url in (
        f"/news/secret-news-{state}/",
        f"/events/secret-event-{state}/",
        f"/events/secret-event-{state}.ics",
        f"/api/news/secret-news-{state}/",
        f"/api/events/secret-event-{state}/",
    ):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url


def test_detail_lists_only_published_related_entries(client):
    owner = factories.institution()
    draft = factories.draft_component(name="Draft related component", owner=owner)
    shown = factories.component(name="Published related component", owner=owner)
    case = factories.case_study(title="Draft related case", publication=Publication.DRAFT)
    item = factories.news_item(institution=owner, components=[draft, shown], case_studies=[case])
    for url in (item.get_absolute_url(), f"/api/news/{item.slug}/"):
        text = client.get(url).content.decode()
        assert "Published related component" in text
        assert "Draft related component" not in text and "Draft related case" not in text


# ---- pages ----------------------------------------------------------------------------------


def test_events_list_upcoming_first_and_past_in_the_archive(client):
    later = factories.event(title="Later event", days_from_today=20)
    sooner = factories.event(title="Sooner event", days_from_today=2)
    today = factories.event(title="Ongoing event", days_from_today=-1)
    today.end_date = timezone.localdate()
    today.save()
    past = factories.event(title="Finished event", days_from_today=-3)
    text = client.get("/events/").content.decode()
    assert text.index("Ongoing event") < text.index("Sooner event") < text.index("Later event")
    assert "Finished event" not in text
    archive = client.get("/events/past/").content.decode()
    assert "Finished event" in archive and "Later event" not in archive
    detail = client.get(past.get_absolute_url()).content.decode()
    assert "This event is over." in detail
    assert f'<time datetime="{past.start_date:%Y-%m-%d}">' in detail
    assert later.get_ical_url() in client.get(later.get_absolute_url()).content.decode()
    assert sooner.get_absolute_url() in client.get("/").content.decode()


def test_timed_event_shows_times_in_time_elements(client):
    event = factories.event(
        title="Timed", start_time=datetime.time(9, 30), end_time=datetime.time(12, 0)
    )
    text = client.get(event.get_absolute_url()).content.decode()
    assert f'datetime="{event.start.isoformat()}"' in text
    assert "09:30" in text and "12:00" in text


def test_news_list_is_paginated_and_searchable_in_every_language(client, settings):
    settings.CATALOGUE_PAGE_SIZE = 2
    for n in range(3):
        factories.news_item(title=f"Paged news {n}", date=datetime.date(2022, 1, 1 + n))
    factories.news_item(
        title="Archivage", summary="Un nouveau service.", language="fr",
        date=datetime.date(2023, 1, 1),
        title_en="Archiving", summary_en="A new service.",
    )  # fmt: skip
    first = client.get("/news/").content.decode()
    assert "Archivage" in first or "Archiving" in first
    assert "Page 1 of 2" in first
    found = client.get("/news/?q=archiving").content.decode()
    assert "Archiving" in found and "Paged news" not in found
    assert "Archiving" in client.get("/news/?q=nouveau service").content.decode()
    assert "No news item matches." in client.get("/news/?q=zzzz").content.decode()


def test_fallback_language_is_marked_with_lang_and_a_notice(client):
    item = factories.news_item(title="Seulement en français", summary="Résumé.", language="fr")
    text = client.get(f"/nl{item.get_absolute_url()}").content.decode()
    assert '<h1 lang="fr">Seulement en français</h1>' in text
    assert 'class="translation-notice"' in text


def test_home_shows_dated_cards_of_news_events_and_case_studies(client):
    factories.case_study(title="Dated case", date=datetime.date(2020, 6, 24))
    factories.news_item(title="Home news", date=datetime.date(2021, 3, 4))
    event = factories.event(title="Home event")
    text = client.get("/").content.decode()
    for title in ("Dated case", "Home news", "Home event"):
        assert title in text
    assert '<time datetime="2021-03-04">' in text
    assert f'<time datetime="{event.start_date:%Y-%m-%d}">' in text


def test_empty_states_say_what_will_appear(client):
    assert "News of the catalogue and of its institutions will appear here" in (
        client.get("/news/").content.decode()
    )
    assert "will appear here with their dates" in client.get("/events/").content.decode()


def test_related_news_on_component_and_institution_pages_are_bounded(client):
    owner = factories.institution(slug="busy")
    named = factories.institution(slug="named")
    component = factories.component(slug="popular", owner=owner)
    for n in range(7):
        factories.news_item(
            title=f"Related news {n}", date=datetime.date(2021, 1, 1 + n), institution=owner,
            institutions=[named], components=[component],
        )  # fmt: skip
    for url in ("/components/popular/", "/institutions/busy/", "/institutions/named/"):
        text = client.get(url).content.decode()
        assert "Related news 6" in text and "Related news 2" in text
        assert "Related news 1" not in text  # the 5 latest only
        assert "All 7 news items" in text
    assert client.get("/news/?component=popular").content.decode().count("Related news") == 7
    assert client.get("/news/?institution=named").content.decode().count("Related news") == 7


def test_nav_links_to_news_and_events(client):
    text = client.get("/components/").content.decode()
    assert 'href="/news/"' in text and 'href="/events/"' in text


# ---- validation -----------------------------------------------------------------------------


def _event(**fields):
    base = {
        "title": "E", "slug": "e", "summary": "S", "start_date": datetime.date(2030, 5, 2),
        "end_date": datetime.date(2030, 5, 2), "place": "Brussels", "language": "en",
        "institution": factories.institution(),
    }  # fmt: skip
    base.update(fields)
    return Event(**base)


def test_event_cannot_end_before_it_starts():
    with pytest.raises(ValidationError) as error:
        _event(end_date=datetime.date(2030, 5, 1)).full_clean()
    assert "end_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _event(start_time=datetime.time(14), end_time=datetime.time(13)).full_clean()
    assert "end_time" in error.value.message_dict
    _event(start_time=datetime.time(14), end_time=datetime.time(15)).full_clean()


def test_event_needs_a_place_or_an_online_link():
    with pytest.raises(ValidationError) as error:
        _event(place="").full_clean()
    assert "place_en" in error.value.message_dict
    _event(place="", online_url="https://meet.example.org/reuse").full_clean()


def test_image_requires_a_text_alternative(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = NewsItem(
        title="T", slug="t", summary="S", language="en", date=datetime.date(2021, 1, 1),
        institution=factories.institution(),
        image=SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "image_alt_en" in error.value.message_dict
    item.image_alt_en = "Two people at a whiteboard"
    item.full_clean()


# ---- admin: scope and workflow --------------------------------------------------------------


@pytest.fixture
def people():
    a = factories.institution(name="Institution A", acronym="INSTA", slug="inst-a")
    b = factories.institution(name="Institution B", acronym="INSTB", slug="inst-b")
    return {
        "a": a,
        "b": b,
        "editor": make_user("editor", settings.EDITORS_GROUP),
        "sub_a": make_user("sub-a", settings.SUBMITTERS_GROUP, a),
        "b_news": factories.news_item(title="B draft news", institution=b, publication="draft"),
        "b_event": factories.event(title="B published event", institution=b),
    }


def news_form(item=None, **changes):
    data = {
        "language": "en", "title_en": "Our news", "slug": "our-news", "date": "2021-05-01",
        "summary_en": "A summary.", "institution": "", "publication": "draft",
        "review_note": "", "source": "",
    }  # fmt: skip
    if item is not None:
        data.update(
            title_en=item.title_en, slug=item.slug, date=item.date.isoformat(),
            summary_en=item.summary_en, institution=item.institution_id,
            publication=item.publication, based_on_version=item.version,
        )  # fmt: skip
    data.update(changes)
    return data


def event_form(**changes):
    data = {
        "language": "en", "title_en": "Our event", "slug": "our-event",
        "start_date": "2030-05-02", "end_date": "2030-05-02", "place_en": "Brussels",
        "summary_en": "A summary.", "publication": "draft", "review_note": "", "source": "",
        "online_url": "", "registration_url": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_submitter_cannot_read_or_change_another_institutions_items(client, people):
    login(client, people["sub_a"])
    item, event = people["b_news"], people["b_event"]
    for url in (f"{ADMIN}/newsitem/{item.pk}/change/", f"{ADMIN}/event/{event.pk}/change/"):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND  # to the admin index: not found
    client.post(f"{ADMIN}/newsitem/{item.pk}/change/", news_form(item, title_en="Hijacked"))
    client.post(f"{ADMIN}/newsitem/{item.pk}/delete/", {"post": "yes"})
    item.refresh_from_db()
    assert item.title_en == "B draft news"
    changelist = client.get(f"{ADMIN}/newsitem/").content.decode()
    assert "B draft news" not in changelist


def test_crafted_post_for_another_institution_is_refused(client, people):
    login(client, people["sub_a"])
    response = client.post(f"{ADMIN}/newsitem/add/", news_form(institution=people["b"].pk))
    assert response.status_code == HTTPStatus.OK  # the form again, with an error
    assert not NewsItem.objects.filter(slug="our-news").exists()
    response = client.post(
        f"{ADMIN}/event/add/", event_form(institution=people["b"].pk, publication="published")
    )
    assert not Event.objects.filter(slug="our-event").exists()
    client.post(
        f"{ADMIN}/newsitem/add/", news_form(institution=people["a"].pk, publication="published")
    )
    created = NewsItem.objects.get(slug="our-news")
    assert (created.institution, created.publication) == (people["a"], Publication.DRAFT)


def test_submitter_cannot_relate_another_institutions_draft_component(client, people):
    secret = factories.draft_component(name="B secret draft", owner=people["b"])
    login(client, people["sub_a"])
    client.post(
        f"{ADMIN}/newsitem/add/", news_form(institution=people["a"].pk, components=[secret.pk])
    )
    assert not NewsItem.objects.filter(slug="our-news").exists()


def test_admin_validates_event_dates_on_the_server(client, people):
    login(client, people["editor"])
    response = client.post(
        f"{ADMIN}/event/add/",
        event_form(institution=people["a"].pk, end_date="2030-05-01"),
    )
    assert response.status_code == HTTPStatus.OK
    assert "The event cannot end before it starts." in response.content.decode()
    assert not Event.objects.filter(slug="our-event").exists()


def test_submit_then_editor_publishes_and_it_shows_everywhere(client, people):
    login(client, people["sub_a"])
    client.post(
        f"{ADMIN}/event/add/",
        event_form(institution=people["a"].pk, start_date=f"{timezone.localdate():%Y-%m-%d}",
                   end_date=f"{timezone.localdate():%Y-%m-%d}"),
    )  # fmt: skip
    event = Event.objects.get(slug="our-event")
    client.post(f"{ADMIN}/event/", {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.publication == Publication.DRAFT  # submitters cannot publish
    client.post(f"{ADMIN}/event/", {"action": "submit_for_review", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.publication == Publication.SUBMITTED
    assert "Our event" not in Client().get("/").content.decode()
    login(client, people["editor"])
    client.post(f"{ADMIN}/event/", {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.publication == Publication.PUBLISHED
    client.logout()
    for url in ("/", "/events/", "/feeds/events.rss", "/feeds/events.ics", "/api/events/"):
        assert "Our event" in client.get(url).content.decode(), url


def test_editor_uploads_an_image_with_its_text_alternative(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, people["editor"])
    form = news_form(institution=people["a"].pk, publication="published")
    without_alt = client.post(
        f"{ADMIN}/newsitem/add/",
        {**form, "image": SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")},
    )
    assert "a text alternative is required" in without_alt.content.decode()
    client.post(
        f"{ADMIN}/newsitem/add/",
        {
            **form,
            "image_alt_en": "The team at work",
            "image": SimpleUploadedFile("p.png", png_bytes(), content_type="image/png"),
        },
    )
    item = NewsItem.objects.get(slug="our-news")
    assert item.image.name.startswith("news/")
    client.logout()
    assert 'alt="The team at work"' in client.get(item.get_absolute_url()).content.decode()
    image = client.get("/api/news/our-news/").json()["image"]
    assert image["alt"] == "The team at work" and image["url"].endswith(".png")
    served = client.get(item.image.url)
    assert served.status_code == HTTPStatus.OK
    assert b"".join(served.streaming_content) == png_bytes()


def test_a_file_that_is_not_an_image_is_refused(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, people["editor"])
    response = client.post(
        f"{ADMIN}/newsitem/add/",
        {
            **news_form(institution=people["a"].pk),
            "image_alt_en": "A picture",
            "image": SimpleUploadedFile(
                "p.png", b"<svg onload=alert(1)>", content_type="image/png"
            ),
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert not NewsItem.objects.filter(slug="our-news").exists()
    assert not list(tmp_path.rglob("*.png"))


def test_submitters_edit_of_published_news_waits_for_review(client, people):
    item = factories.news_item(title="Published A news", institution=people["a"])
    login(client, people["sub_a"])
    client.post(f"{ADMIN}/newsitem/{item.pk}/change/", news_form(item, title_en="Proposed title"))
    item.refresh_from_db()
    assert item.title_en == "Published A news"
    login(client, people["editor"])
    client.post(f"{ADMIN}/newsitem/", {"action": "publish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.title_en == "Proposed title"


def test_changelist_shows_missing_translations(client, people):
    factories.news_item(title="Only English", institution=people["a"])
    login(client, people["editor"])
    text = client.get(f"{ADMIN}/newsitem/?missing_translation=fr").content.decode()
    assert "Only English" in text


# ---- feeds, iCalendar, sitemap --------------------------------------------------------------


def test_rss_and_atom_feeds_carry_news_and_upcoming_events(client):
    factories.news_item(title="Feed news", date=datetime.date(2021, 2, 3))
    factories.event(title="Feed event")
    factories.event(title="Old event", days_from_today=-40)
    rss = client.get("/feeds/news.rss")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Feed news</title>" in rss.content.decode()
    assert "Wed, 03 Feb 2021" in rss.content.decode()
    atom = client.get("/feeds/events.atom").content.decode()
    assert "Feed event" in atom and "Old event" not in atom


def test_event_ical_file_parses_and_has_the_right_fields(client):
    event = factories.event(
        title="Workshop; reuse, Keycloak", place="Rue Prince Royal 102, Brussels",
        registration_url="https://example.org/register",
        start_date=datetime.date(2030, 5, 2), end_date=datetime.date(2030, 5, 3),
    )  # fmt: skip
    response = client.get(event.get_ical_url())
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    [item] = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == "Workshop; reuse, Keycloak"
    assert item.decoded("DTSTART") == datetime.date(2030, 5, 2)
    assert item.decoded("DTEND") == datetime.date(2030, 5, 4)  # exclusive: the day after
    assert str(item["LOCATION"]) == "Rue Prince Royal 102, Brussels"
    assert str(item["URL"]).endswith(event.get_absolute_url())
    assert "https://example.org/register" in str(item["DESCRIPTION"])
    assert str(item["UID"]) == f"event-{event.pk}@testserver"


def test_timed_event_is_written_in_utc(client):
    event = factories.event(
        start_date=datetime.date(2030, 7, 1), start_time=datetime.time(10, 0),
        end_date=datetime.date(2030, 7, 1), end_time=datetime.time(12, 30),
    )  # fmt: skip
    [item] = icalendar.Calendar.from_ical(client.get(event.get_ical_url()).content).walk("VEVENT")
    assert item.decoded("DTSTART") == datetime.datetime(2030, 7, 1, 8, 0, tzinfo=datetime.UTC)
    assert item.decoded("DTEND") == datetime.datetime(2030, 7, 1, 10, 30, tzinfo=datetime.UTC)


def test_ical_feed_lists_upcoming_published_events_only(client):
    factories.event(title="Coming", slug="coming")
    factories.event(title="Gone", slug="gone", days_from_today=-5)
    factories.event(title="Draft", slug="draft-one", publication=Publication.DRAFT)
    calendar = icalendar.Calendar.from_ical(client.get("/feeds/events.ics").content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Coming"]
    assert str(calendar["X-WR-CALNAME"])


def test_sitemap_lists_news_and_events_in_every_language(client):
    item = factories.news_item(slug="mapped-news")
    factories.event(slug="mapped-event")
    text = sitemap_text(client)  # the index and every page it lists
    for prefix in ("", "/fr", "/nl"):
        assert f"{prefix}{item.get_absolute_url()}</loc>" in text
        assert f"{prefix}/events/mapped-event/</loc>" in text
    assert "/news/</loc>" in text and "/events/past/</loc>" in text


# ---- API ------------------------------------------------------------------------------------


def test_api_news_and_events_follow_the_conventions(client):
    item = factories.news_item(
        title="Nouvelle", summary="Résumé.", language="fr", title_nl="Nieuws",
    )  # fmt: skip
    factories.event(title="Soon", slug="soon", days_from_today=1)
    factories.event(title="Later", slug="later", days_from_today=9)
    factories.event(title="Before", slug="before", days_from_today=-9)
    data = client.get("/api/news/?lang=nl").json()
    assert data["count"] == 1
    [row] = data["results"]
    assert (row["title"], row["language"]) == ("Nieuws", "fr")
    assert row["translations"]["title"] == {"fr": "Nouvelle", "nl": "Nieuws"}
    detail = client.get(f"/api/news/{item.slug}/")
    assert detail.json()["body_html"] == ""
    # Conditional requests (Last-Modified is left out within the second of the last change).
    again = client.get(f"/api/news/{item.slug}/", HTTP_IF_NONE_MATCH=detail["ETag"])
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    upcoming = client.get("/api/events/?when=upcoming").json()["results"]
    assert [e["slug"] for e in upcoming] == ["soon", "later"]
    assert [e["slug"] for e in client.get("/api/events/?when=past").json()["results"]] == ["before"]
    assert upcoming[0]["all_day"] is True and upcoming[0]["ical_url"].endswith("/events/soon.ics")
    walked = client.get("/api/events/?cursor=&page_size=2").json()
    assert len(walked["results"]) == 2 and walked["next"]
    assert client.get("/api/events/?when=someday").status_code == HTTPStatus.BAD_REQUEST
    bad = client.get("/api/news/?institution=nosuch")
    assert bad.status_code == HTTPStatus.BAD_REQUEST and "institution" in bad.json()


# ---- demo -----------------------------------------------------------------------------------


def test_demo_has_the_reports_dated_event_and_no_invented_news(client, demo):
    assert NewsItem.objects.count() == 0
    event = Event.objects.get()
    assert event.start_date == event.end_date == datetime.date(2020, 2, 18)
    assert event.all_day and event.institution.slug == "onss"
    assert "Innovations en compagnie royale" in event.source
    report = (SHARED_DIR / "seed" / "000_8c92902d62a874ff.txt").read_text(encoding="utf-8")
    assert "visite du Roi le 18 février 2020" in report
    assert "Innovations en compagnie royale" in client.get("/fr/events/past/").content.decode()
    assert "News of the catalogue" in client.get("/news/").content.decode()


# ---- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/news/", "/events/", "/events/past/", "/api/news/", "/api/events/",
            "/feeds/news.rss", "/feeds/events.ics"],
)  # fmt: skip
def test_query_counts_do_not_grow_with_the_data(client, url, django_assert_max_num_queries):
    def build(n):
        for _ in range(n):
            owner = factories.institution()
            component = factories.component(owner=owner)
            factories.news_item(institution=owner, components=[component], institutions=[owner])
            factories.event(institution=owner, components=[component])
            factories.event(institution=owner, days_from_today=-10)

    build(2)
    client.get(url)  # warm caches (sessions, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    build(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == HTTPStatus.OK


@pytest.mark.parametrize("kind", ["news", "events"])
def test_detail_pages_query_counts_are_pinned(client, kind, django_assert_max_num_queries):
    owner = factories.institution()
    components = [factories.component(owner=owner) for _ in range(6)]
    cases = [factories.case_study(institution=owner) for _ in range(3)]
    if kind == "news":
        entry = factories.news_item(institution=owner, components=components, case_studies=cases)
    else:
        entry = factories.event(institution=owner, components=components)
        entry.case_studies.set(cases)
    entry.institutions.set([owner])
    with django_assert_max_num_queries(8):
        assert client.get(entry.get_absolute_url()).status_code == HTTPStatus.OK
    # The API also reads and writes its throttle count in the shared cache (7 queries at most)
    # and reads the catalogue's public state (1).
    with django_assert_max_num_queries(8 + 8):
        assert client.get(f"/api/{kind}/{entry.slug}/").status_code == HTTPStatus.OK
