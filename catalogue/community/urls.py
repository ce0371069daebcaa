"""The community pages, in every language (included by catalogue/urls.py)."""

from django.urls import path

from . import views

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
