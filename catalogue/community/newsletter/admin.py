"""The newsletter in the admin, for catalogue editors: subscribers (read, delete), and issues
(compose, preview, test, queue; counts of what was sent)."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import DeliveryStatus, IssueStatus, NewsletterIssue, Subscriber
from catalogue.models.multilingual import language_codes
from catalogue.review.scoping import EditorsOnlyAdmin

from . import issues, sending


@admin.register(Subscriber)
class SubscriberAdmin(EditorsOnlyAdmin):
    list_display = ["email", "status", "language", "requested_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    readonly_fields = [
        "email", "language", "topics", "status", "requested_at", "consent_source",
        "confirmed_at", "unsubscribed_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # only people subscribe themselves (double opt-in)

    def has_change_permission(self, request, obj=None):
        return False


def _count(status):
    return Count("deliveries", filter=Q(deliveries__status=status))


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(EditorsOnlyAdmin):
    change_form_template = "admin/catalogue/newsletterissue/change_form.html"
    list_display = [
        "__str__", "status", "created", "queued_at", "sent_at",
        "sent_count", "failed_count", "waiting_count", "interrupted_count", "skipped_count",
    ]  # fmt: skip
    list_filter = ["status"]
    fieldsets = [
        (gettext_lazy("Subject"), {"fields": ["subject_en", "subject_fr", "subject_nl"]}),
        (gettext_lazy("Introduction"), {"fields": ["intro_en", "intro_fr", "intro_nl"]}),
        (
            gettext_lazy("Contents: what was published in this period"),
            {
                "fields": ["since", "until", "contents"],
                "description": gettext_lazy(
                    "Saving a draft chooses again the components and case studies published "
                    "in the period and not in an earlier issue. Subscribers receive only the "
                    "topics they chose, in their language."
                ),
            },
        ),
        (
            gettext_lazy("Sending"),
            {"fields": ["status", "created_by", "queued_at", "sent_at", "deliveries_summary"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_sent=_count(DeliveryStatus.SENT),
                n_failed=_count(DeliveryStatus.FAILED),
                n_waiting=_count(DeliveryStatus.PENDING),
                n_interrupted=_count(DeliveryStatus.SENDING),
                n_skipped=_count(DeliveryStatus.SKIPPED),
            )
        )

    @admin.display(description=gettext_lazy("sent"), ordering="n_sent")
    def sent_count(self, obj):
        return obj.n_sent

    @admin.display(description=gettext_lazy("failed"), ordering="n_failed")
    def failed_count(self, obj):
        return obj.n_failed

    @admin.display(description=gettext_lazy("waiting"))
    def waiting_count(self, obj):
        return obj.n_waiting

    @admin.display(description=gettext_lazy("interrupted"))
    def interrupted_count(self, obj):
        return obj.n_interrupted

    @admin.display(description=gettext_lazy("skipped"))
    def skipped_count(self, obj):
        return obj.n_skipped

    @admin.display(description=gettext_lazy("deliveries"))
    def deliveries_summary(self, obj):
        if obj is None or obj.pk is None or obj.status == IssueStatus.DRAFT:
            return "—"
        return _(
            "sent %(sent)d, failed %(failed)d, waiting %(waiting)d, interrupted %(interrupted)d, "
            "skipped %(skipped)d"
        ) % {
            "sent": obj.n_sent,
            "failed": obj.n_failed,
            "waiting": obj.n_waiting,
            "interrupted": obj.n_interrupted,
            "skipped": obj.n_skipped,
        }

    @admin.display(description=gettext_lazy("contents"))
    def contents(self, obj):
        if obj is None or obj.pk is None:
            return _("Chosen when the issue is saved.")
        sections = issues.sections(obj, translation.get_language() or "en")
        if not sections:
            return _("Nothing new was published in this period.")
        return format_html_join(
            "",
            "<p><strong>{}</strong>: {}</p>",
            ((s.label, ", ".join(item.title for item in s.items)) for s in sections),
        )

    def get_readonly_fields(self, request, obj=None):
        fixed = ["contents", "status", "created_by", "queued_at", "sent_at", "deliveries_summary"]
        if obj is not None and obj.status != IssueStatus.DRAFT:
            # Queued or sent: what subscribers receive no longer changes.
            return [
                *fixed, "subject_en", "subject_fr", "subject_nl", "intro_en", "intro_fr",
                "intro_nl", "since", "until",
            ]  # fmt: skip
        return fixed

    def get_changeform_initial_data(self, request):
        since, until = issues.default_period()
        return {"since": since, "until": until}

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != IssueStatus.DRAFT:
            return False  # its deliveries are the record of what was sent
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if obj.status == IssueStatus.DRAFT:
            issues.refresh_selection(obj)

    # -- preview, test, queue -----------------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        name = "catalogue_newsletterissue"
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                view(self.preview_view),
                name=f"{name}_preview",
            ),
            path("<int:pk>/send-test/", view(self.send_test_view), name=f"{name}_send_test"),
            path("<int:pk>/queue/", view(self.queue_view), name=f"{name}_queue"),
            *super().get_urls(),
        ]

    def _issue(self, request, pk, *, change=False):
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        allowed = (
            self.has_change_permission(request, issue)
            if change
            else self.has_view_permission(request, issue)
        )
        if not allowed:
            raise Http404
        return issue

    def preview_view(self, request, pk, language):
        issue = self._issue(request, pk)
        if language not in language_codes():
            raise Http404
        email = issues.message(
            issue,
            issues.preview_subscriber(language),
            issues.sections(issue, language, request=request),
            request=request,
        )
        html = (
            email.alternatives[0][0]
            if email
            else render_to_string(
                "community/newsletter/issue.html", {"subject": issues.subject(issue, language)}
            )
        )
        response = HttpResponse(html)
        # The preview is the e-mail itself: it must not run inside the admin's pages' policy
        # exceptions, and has nothing to run.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response

    def send_test_view(self, request, pk):
        if request.method != "POST":
            return redirect(reverse("admin:catalogue_newsletterissue_change", args=[pk]))
        issue = self._issue(request, pk)
        language = request.POST.get("language", "")
        if language not in language_codes():
            language = translation.get_language() or "en"
        if not request.user.email:
            self.message_user(request, _("Your account has no e-mail address."), messages.ERROR)
        elif issues.send_test(issue, to=request.user.email, language=language, request=request):
            self.message_user(
                request,
                _("A test was sent to %(email)s.") % {"email": request.user.email},
                messages.SUCCESS,
            )
        return redirect(reverse("admin:catalogue_newsletterissue_change", args=[pk]))

    def queue_view(self, request, pk):
        issue = self._issue(request, pk, change=True)
        if request.method != "POST":
            return redirect(reverse("admin:catalogue_newsletterissue_change", args=[pk]))
        count = sending.queue(issue)
        if count or issue.status == IssueStatus.DRAFT:
            self.message_user(
                request,
                _("Queued for %(count)d subscribers: manage.py send_newsletter sends it.")
                % {"count": count},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("This issue was already queued."), messages.WARNING)
        return redirect(reverse("admin:catalogue_newsletterissue_change", args=[pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["languages"] = language_codes()
        context["issue_is_draft"] = obj is not None and obj.status == IssueStatus.DRAFT
        return super().render_change_form(request, context, add, change, form_url, obj)
