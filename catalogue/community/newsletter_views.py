"""The newsletter's public pages: subscribe, confirm, unsubscribe, manage one's data."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalogue.models import SubscriberStatus, Topic
from catalogue.models.multilingual import active_language

from .forms import ManageRequestForm, PreferencesForm, SubscribeForm
from .newsletter import subscriptions, tokens
from .views import handle_protected_form

FOOTER = "footer"


def _message(request, title, paragraphs, *, status=200, action=None, button=""):
    return render(
        request,
        "community/newsletter/message.html",
        {"title": title, "paragraphs": paragraphs, "action": action, "button": button},
        status=status,
    )


def _invalid_link(request):
    return _message(
        request,
        _("This link is not valid"),
        [
            _(
                "It may have expired, been copied incompletely, or the subscription may have "
                "been deleted. You can subscribe again or ask for a new link."
            )
        ],
        status=400,
    )


@require_http_methods(["GET", "POST"])
def subscribe(request):
    template = "community/newsletter/subscribe.html"
    if request.method == "GET":
        # The footer's small form arrives here by GET (pages keep no form token), with the
        # address to complete with a language and topics.
        came_from = request.GET.get("from", "")[:150]
        source = f"{FOOTER} {came_from}".strip() if request.GET.get("email") else "page"
        form = SubscribeForm(
            initial={
                "email": request.GET.get("email", "")[:254],
                "language": active_language(),
                "topics": list(Topic.values),
                "source": source,
            }
        )
        return render(request, template, {"form": form})

    def save(data):
        # Kept as written (not translated): the record of where consent was given.
        source = f"subscription page ({data['source'] or 'page'})"
        subscriptions.subscribe(
            email=data["email"],
            language=data["language"],
            topics=data["topics"],
            source=source,
            request=request,
        )

    form = SubscribeForm(request.POST)
    response = handle_protected_form(
        request, form, template=template, context={}, scope="newsletter", on_valid=save
    )
    return response or redirect("catalogue:newsletter-check-inbox")


def check_inbox(request):
    return _message(
        request,
        _("Check your inbox"),
        [
            _(
                "If this address can receive the newsletter, we have sent it a message. Open "
                "the link it contains to confirm: nothing is sent before."
            )
        ],
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = tokens.read(tokens.CONFIRM, token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscriptions.confirm(subscriber)
        return _message(
            request,
            _("Subscription confirmed"),
            [_("Thank you. Every message has a link to unsubscribe in one click.")],
        )
    # Confirming takes a button press (a POST), not the link alone: mail scanners that
    # follow links must not confirm an address for its owner.
    return _message(
        request,
        _("Confirm your subscription"),
        [
            _("Press the button to receive the ReUse newsletter at %(email)s.")
            % {"email": subscriber.email}
        ],
        action=request.path,
        button=_("Confirm my subscription"),
    )


@csrf_exempt  # mail clients' one-click POST (RFC 8058) carries no form token: the link is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = tokens.read(tokens.UNSUBSCRIBE, token)
    if subscriber is None:
        return _invalid_link(request)
    subscriptions.unsubscribe(subscriber)
    return _message(
        request,
        _("You are unsubscribed"),
        [
            _("%(email)s will receive no more newsletters.") % {"email": subscriber.email},
            _("You can subscribe again at any time, or delete your data from the link below."),
        ],
        action=None,
    )


@require_http_methods(["GET", "POST"])
def manage_request(request):
    template = "community/newsletter/manage_request.html"
    if request.method == "GET":
        return render(request, template, {"form": ManageRequestForm()})

    def send(data):
        subscriptions.request_manage_link(data["email"], request=request)

    form = ManageRequestForm(request.POST)
    response = handle_protected_form(
        request, form, template=template, context={}, scope="newsletter", on_valid=send
    )
    return response or redirect("catalogue:newsletter-check-inbox")


SAVED = gettext_lazy("Your choices are saved.")


@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = tokens.read(tokens.MANAGE, token)
    if subscriber is None:
        return _invalid_link(request)
    initial = {"language": subscriber.language, "topics": subscriber.topics}
    form = PreferencesForm(initial=initial)
    saved = False
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            subscriptions.delete_data(subscriber)
            return _message(
                request,
                _("Your data is deleted"),
                [_("We keep nothing more about this address.")],
            )
        if action == "unsubscribe":
            subscriptions.unsubscribe(subscriber)
        elif action == "resubscribe" and subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriptions.subscribe(
                email=subscriber.email,
                language=subscriber.language,
                topics=subscriber.topics,
                source="manage page",
                request=request,
            )
            return redirect("catalogue:newsletter-check-inbox")
        else:
            form = PreferencesForm(request.POST)
            if not form.is_valid():
                return render(
                    request,
                    "community/newsletter/manage.html",
                    {"subscriber": subscriber, "form": form},
                    status=400,
                )
            subscriptions.update_preferences(subscriber, **form.cleaned_data)
            saved = True
        subscriber.refresh_from_db()
    return render(
        request,
        "community/newsletter/manage.html",
        {"subscriber": subscriber, "form": form, "saved": SAVED if saved else ""},
    )
