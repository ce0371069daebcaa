"""Read what a page shows, by element, not by substring: the navigation and the footer name
every section, so ``"components" in html`` holds on any page."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.parts = [], []

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self):
        return re.sub(r"\s+", " ", "".join(self._texts())).strip()

    @property
    def own_text(self):
        """The element's text without that of its children."""
        return re.sub(r"\s+", " ", "".join(p for p in self.parts if isinstance(p, str))).strip()

    def _texts(self):
        for part in self.parts:
            yield part if isinstance(part, str) else "".join(part._texts())

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(
                element.attrs.get(name.rstrip("_").replace("_", "-")) == value
                for name, value in attrs.items()
            )
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls!r} {attrs}> in the page"
        return found[0]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", {}, None)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.parts.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.parts.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.parts.append(data)


def parse(html: str) -> Element:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.root


def main(html: str) -> Element:
    """The page's <main>: what it shows apart from the header, navigation and footer."""
    return parse(html).find("main")


def result_names(html: str) -> list[str]:
    """The names of the components listed as results, in their order on the page."""
    return [card.find("a").text for card in main(html).find_all("article", "component-card")]


def result_links(html: str) -> dict[str, str]:
    """Each listed result's name and the href of its link."""
    return {
        card.find("a").text: card.find("a").attrs["href"]
        for card in main(html).find_all("article", "component-card")
    }


def results_heading(html: str) -> str:
    return main(html).find(id="results-title").text


def facet_values(html: str, facet: str) -> dict[str, tuple[str, bool]]:
    """One facet's checkboxes: value key -> (the text of its label, whether it is checked)."""
    page = main(html)
    values = {}
    for box in page.find_all("input", data_facet=facet):
        label = page.find("label", for_=box.attrs["id"])
        values[box.attrs["value"]] = (label.text, "checked" in box.attrs)
    return values


def facet_links(html: str, facet: str) -> dict[str, str]:
    """One facet's values: value key -> the text of its label (name and count)."""
    return {key: text for key, (text, _checked) in facet_values(html, facet).items()}


def selected_facets(html: str) -> dict[str, tuple[str, str]]:
    """The chips of the selected values: "Facet: label" -> (href that removes it, its count)."""
    return {
        link.own_text.removesuffix("×").strip(): (
            link.attrs["href"],
            link.find("span", "count").text,
        )
        for link in main(html).find_all("a", cls="chip")
    }


# --- the Django admin ----------------------------------------------------------------------


def admin_title(html: str) -> str:
    return parse(html).find("h1").text


def admin_columns(html: str) -> list[str]:
    """The headings of a changelist's columns (the selection checkbox left out)."""
    table = parse(html).find("table", id="result_list")
    return [
        th.text
        for th in table.find("thead").find_all("th")
        if "action-checkbox-column" not in th.classes
    ]


def admin_rows(html: str) -> list[list[str]]:
    """A changelist's rows, each the text of its cells (the selection checkbox left out)."""
    found = parse(html).find_all("table", id="result_list")
    if not found:
        return []
    return [
        [
            cell.text
            for cell in row.children
            if cell.tag in ("th", "td") and "action-checkbox" not in cell.classes
        ]
        for row in found[0].find("tbody").find_all("tr")
    ]


def admin_count(html: str) -> str:
    """The changelist's count line, e.g. "2 components"."""
    return parse(html).find("p", "paginator").own_text


def form_values(html: str) -> dict[str, object]:
    """The fields of the page's admin form and their values: text for inputs and text areas,
    the selected option values (a list) for selects. Empty inline rows are left out."""
    form = next(f for f in parse(html).find_all("form") if f.attrs.get("id", "").endswith("_form"))
    values = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name or "__prefix__" in name or element.tag not in ("input", "select", "textarea"):
            continue
        if element.tag == "select":
            values[name] = [
                o.attrs.get("value") for o in element.find_all("option") if "selected" in o.attrs
            ]
        elif element.tag == "textarea":
            values[name] = "".join(p for p in element.parts if isinstance(p, str)).strip("\n")
        elif element.attrs.get("type") == "checkbox":
            values[name] = "checked" in element.attrs
        elif element.attrs.get("type") not in ("submit", "button"):
            values[name] = element.attrs.get("value", "")
    return values


def content(response) -> bytes:
    """A response's body, streamed (the whole-catalogue exports) or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def sitemap_text(client) -> str:
    """The whole sitemap: the index, then every page it lists (each asserted 200), joined."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    parts = [index.content.decode()]
    for location in re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", parts[0]):
        page = client.get(location.replace("&amp;", "&"))
        assert page.status_code == 200, location
        parts.append(page.content.decode())
    return "\n".join(parts)
