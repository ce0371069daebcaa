"""The community pages, in every language (included by catalogue/urls.py)."""

from django.urls import path

from . import newsletter_views, views

urlpatterns = [
    path(
        "components/<slug:slug>/contact/",
        views.component_request,
        name="component-request",
    ),
    path(
        "components/<slug:slug>/contact/sent/",
        views.component_request_sent,
        name="component-request-sent",
    ),
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact-sent"),
]

# The newsletter.
urlpatterns += [
    path("newsletter/", newsletter_views.subscribe, name="newsletter-subscribe"),
    path("newsletter/check-inbox/", newsletter_views.check_inbox, name="newsletter-check-inbox"),
    path("newsletter/confirm/<str:token>/", newsletter_views.confirm, name="newsletter-confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter_views.unsubscribe,
        name="newsletter-unsubscribe",
    ),
    path("newsletter/manage/", newsletter_views.manage_request, name="newsletter-manage-request"),
    path("newsletter/manage/<str:token>/", newsletter_views.manage, name="newsletter-manage"),
]
