"""Thin views over requests.py and newsletter/: a form, its protections, a redirect."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from catalogue.models import Component, RequestKind

from . import ratelimit, requests
from .forms import ComponentRequestForm, ContactForm


def too_many(request, template, context):
    """The form again, with a clear message, as a 429: never a 500."""
    context = {
        **context,
        "rate_limited": _(
            "Too many messages were sent from your connection or for this e-mail address. "
            "Please try again in an hour, or write to us later."
        ),
    }
    return render(request, template, context, status=429)


def handle_protected_form(request, form, *, template, context, scope, on_valid):
    """The protections every public form shares, in order: per-address limit, honeypot, form
    validation (signed fill time included), per-e-mail limit; then ``on_valid(data)``."""
    context = {**context, "form": form}
    if not ratelimit.hit(f"{scope}-ip", ratelimit.client_ip(request)):
        return too_many(request, template, context)
    if form.is_spam():
        return None  # answered like a success; nothing kept or sent
    if not form.is_valid():
        return render(request, template, context, status=400)
    if not ratelimit.hit(f"{scope}-email", form.cleaned_data["email"]):
        return too_many(request, template, context)
    return on_valid(form.cleaned_data)


@require_http_methods(["GET", "POST"])
def component_request(request, slug):
    component = get_object_or_404(Component.objects.published(), slug=slug)
    template = "community/component_request.html"
    sent_url = reverse("catalogue:component-request-sent", args=[component.slug])
    if request.method == "GET":
        kind = request.GET.get("kind")
        initial = {"kind": kind if kind in (RequestKind.REUSE, RequestKind.QUESTION) else None}
        form = ComponentRequestForm(initial={k: v for k, v in initial.items() if v})
        return render(request, template, {"component": component, "form": form})

    def save(data):
        requests.record_request(
            component=component,
            kind=data["kind"],
            name=data["name"],
            institution=data["institution"],
            email=data["email"],
            message=data["message"],
            request=request,
        )

    form = ComponentRequestForm(request.POST)
    response = handle_protected_form(
        request,
        form,
        template=template,
        context={"component": component},
        scope="contact",
        on_valid=save,
    )
    return response or redirect(sent_url)


def component_request_sent(request, slug):
    component = get_object_or_404(Component.objects.published(), slug=slug)
    return render(request, "community/request_sent.html", {"component": component})


@require_http_methods(["GET", "POST"])
def contact(request):
    template = "community/contact.html"
    if request.method == "GET":
        return render(request, template, {"form": ContactForm()})

    def save(data):
        requests.record_request(
            component=None,
            kind=RequestKind.CONTACT,
            name=data["name"],
            institution=data["institution"],
            email=data["email"],
            message=data["message"],
            request=request,
        )

    form = ContactForm(request.POST)
    response = handle_protected_form(
        request, form, template=template, context={}, scope="contact", on_valid=save
    )
    return response or redirect("catalogue:contact-sent")


def contact_sent(request):
    return render(request, "community/request_sent.html", {"component": None})
