from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("ReUse catalogue administration")
admin.site.site_title = _("ReUse administration")
admin.site.index_title = _("Catalogue management")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/", include("catalogue.api.urls")),
    path("", include("catalogue.urls")),
]
