from django.contrib import admin

from catalogue.admin_guards import GuardedAdminMixin
from catalogue.models import BuildItem, ProgrammeCost, ReuseYear
from catalogue.review.scoping import EditorsOnlyAdmin


class BuildItemInline(GuardedAdminMixin, admin.TabularInline):
    model = BuildItem
    extra = 0
    autocomplete_fields = ["component", "project"]


class ProgrammeCostInline(admin.TabularInline):
    model = ProgrammeCost
    extra = 0


@admin.register(ReuseYear)
class ReuseYearAdmin(EditorsOnlyAdmin):
    list_display = ["year", "unit_cost_eur", "rcr", "rcwr", "illustrative"]
    inlines = [BuildItemInline, ProgrammeCostInline]
