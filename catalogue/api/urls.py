from django.urls import path

from catalogue.api import roi

app_name = "api"

urlpatterns = [
    path("roi/calculate/", roi.CalculateView.as_view(), name="roi-calculate"),
    path("roi/<int:year>/", roi.YearView.as_view(), name="roi-year"),
]
