from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

admin.site.site_header = _("ReUse catalogue administration")
admin.site.site_title = _("ReUse administration")
admin.site.index_title = _("Catalogue management")


def uploaded_file(request, path):
    # MEDIA_ROOT read per request (settings may change after the URLconf is loaded: tests).
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/", include("catalogue.api.urls")),
    # Uploaded images of news and events (issue 14; validated as images on upload). A proxy in
    # front may serve MEDIA_ROOT at MEDIA_URL itself; this keeps `make run` and small sites whole.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", uploaded_file),
    path("", include("catalogue.urls")),
]
