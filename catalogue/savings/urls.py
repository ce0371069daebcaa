"""Pages of the reuse-savings feature (included in the catalogue's namespace)."""

from django.urls import path

from catalogue.savings import views

urlpatterns = [
    path("roi/", views.dashboard, name="roi-dashboard"),
    path("roi/<int:year>/table/<str:table>.csv", views.dashboard_csv, name="roi-csv"),
    path("roi/<int:year>/table/<str:table>.<str:fmt>", views.dashboard_table, name="roi-table"),
    path("roi/trend.<str:fmt>", views.trend_table, name="roi-trend"),
    path("roi/calculator/", views.calculator, name="roi-calculator"),
    path(
        "roi/calculator/scenario.<str:fmt>",
        views.calculator_download,
        name="roi-calculator-download",
    ),
    path("roi/method/", views.method, name="roi-method"),
]
