"""An issue's contents and its message for one subscriber.

``refresh_selection`` chooses the entries (sources.collect) and keeps them on the issue;
``sections`` reads them in a language (entries unpublished since are left out); ``message``
builds the e-mail: plain text and HTML, nothing loaded from outside, and the one-click
unsubscribe headers (RFC 2369, RFC 8058).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import IssueStatus, NewsletterIssue, Subscriber, Topic

from . import tokens
from .links import absolute
from .sources import SOURCES, collect

FIRST_ISSUE_DAYS = 30


@dataclass
class Item:
    title: str
    summary: str
    url: str


@dataclass
class Section:
    topic: str
    label: str
    items: list[Item]


def default_period(now=None):
    """From where the previous issue stopped (or 30 days back for the first) until now."""
    now = now or timezone.now()
    previous = NewsletterIssue.objects.order_by("-until").values_list("until", flat=True).first()
    return previous or now - timedelta(days=FIRST_ISSUE_DAYS), now


def already_sent(issue) -> dict[str, set[int]]:
    featured: dict[str, set[int]] = {}
    earlier = NewsletterIssue.objects.exclude(pk=issue.pk).exclude(status=IssueStatus.DRAFT)
    for selection in earlier.values_list("selection", flat=True):
        for topic, pks in (selection or {}).items():
            featured.setdefault(topic, set()).update(pks)
    return featured


def refresh_selection(issue: NewsletterIssue) -> None:
    issue.selection = collect(issue.since, issue.until, already_sent(issue))
    issue.save(update_fields=["selection"])


def sections(issue: NewsletterIssue, language: str, *, request=None) -> list[Section]:
    """The issue's entries in ``language``, by source, in registry order (one query each)."""
    result = []
    for topic, source in SOURCES.items():
        pks = (issue.selection or {}).get(topic)
        if not pks:
            continue
        entries = source.published().filter(pk__in=pks).order_by(source.date_field, "pk")
        items = []
        for entry in entries:
            localized = getattr(entry, "localized", None)
            title = localized(source.title_field, language) if localized else ""
            summary = localized(source.summary_field, language) if localized else ""
            with translation.override(language):
                path = entry.get_absolute_url()
            url = request.build_absolute_uri(path) if request else f"{settings.SITE_URL}{path}"
            items.append(Item(str(title or entry), str(summary or ""), url))
        if items:
            with translation.override(language):
                result.append(Section(topic, str(source.label), items))
    return result


def subject(issue, language) -> str:
    with translation.override(language):
        return issue.text("subject", language) or _("ReUse newsletter")


def message(
    issue, subscriber: Subscriber, issue_sections, *, to=None, request=None, connection=None
):
    """The e-mail of ``issue`` for ``subscriber``, or None when none of its sections is one of
    the subscriber's topics (nothing to tell them)."""
    language = subscriber.language
    chosen = [section for section in issue_sections if section.topic in subscriber.topics]
    if issue_sections and not chosen:
        return None  # (an issue without entries is the editors' text alone, for everyone)
    unsubscribe_url = absolute(
        "catalogue:newsletter-unsubscribe",
        language=language,
        args=[tokens.make(tokens.UNSUBSCRIBE, subscriber)],
        request=request,
    )
    context = {
        "issue": issue,
        "subject": subject(issue, language),
        "intro": issue.text("intro", language),
        "sections": chosen,
        "unsubscribe_url": unsubscribe_url,
        "manage_url": absolute(
            "catalogue:newsletter-manage-request", language=language, request=request
        ),
        "site_url": absolute("catalogue:home", language=language, request=request),
        "language": language,
    }
    with translation.override(language):
        text = render_to_string("community/newsletter/issue.txt", context)
        html = render_to_string("community/newsletter/issue.html", context)
    email = EmailMultiAlternatives(
        subject=context["subject"],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to or subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=connection,
    )
    email.attach_alternative(html, "text/html")
    return email


def preview_subscriber(language: str, email: str = "") -> Subscriber:
    """A subscriber to every topic, not stored: for the preview and an editor's test."""
    return Subscriber(
        pk=0, email=email or "preview@invalid", language=language, topics=list(Topic.values)
    )


def send_test(issue, *, to: str, language: str, request=None) -> bool:
    email = message(
        issue,
        preview_subscriber(language, to),
        sections(issue, language, request=request),
        request=request,
    )
    if email is None:
        return False
    email.send()
    return True
