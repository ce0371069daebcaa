"""reverse() and resolve() agree on the public URLs."""

import pytest
from django.urls import resolve, reverse


@pytest.mark.parametrize(
    ("name", "args", "path"),
    [
        ("catalogue:home", [], "/"),
        ("catalogue:component-list", [], "/components/"),
        ("catalogue:component-detail", ["aaas"], "/components/aaas/"),
        ("catalogue:institution-detail", ["onss"], "/institutions/onss/"),
        ("catalogue:project-detail", ["bdap"], "/projects/bdap/"),
        ("catalogue:casestudy-detail", ["x"], "/case-studies/x/"),
        ("catalogue:roi-dashboard", [], "/roi/"),
        ("catalogue:roi-calculator", [], "/roi/calculator/"),
        ("catalogue:roi-method", [], "/roi/method/"),
        ("catalogue:roi-csv", [2020, "projects"], "/roi/2020/table/projects.csv"),
        ("api:roi-calculate", [], "/api/roi/calculate/"),
        ("api:roi-year", [2020], "/api/roi/2020/"),
    ],
)
def test_reverse_and_resolve_agree(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).view_name == name
