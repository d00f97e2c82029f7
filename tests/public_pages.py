"""The public URLs of the site, for the tests that walk every one of them
(security headers, hostile query parameters, stored XSS)."""

from html.parser import HTMLParser

EXPORT_PATHS = ("/events.json", "/events.csv", "/events.ics", "/events.timelinejs.json", "/events.atom")
FILTERED_PATHS = ("/", *EXPORT_PATHS)


def detail_paths(event, actor, source) -> list[str]:
    return [f"/events/{event.slug}/", f"/actors/{actor.slug}/", f"/sources/{source.pk}/"]


def page_paths(event, actor, source) -> list[str]:
    """Every public HTML page for these objects (the partial is "/" with HTMX)."""
    return ["/", *detail_paths(event, actor, source)]


def public_paths(event, actor, source) -> list[str]:
    return [*page_paths(event, actor, source), *EXPORT_PATHS]


class ScriptAudit(HTMLParser):
    """Collects what could run in a page: script elements, event-handler
    attributes, javascript: links and inline styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline_scripts = 0
        self.script_sources: list[str] = []
        self.handlers: list[str] = []
        self.javascript_urls: list[str] = []
        self.inline_styles: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("src"):
                self.script_sources.append(attributes["src"])
            elif attributes.get("type") not in ("application/json", "application/ld+json"):
                self._in_script = True
        if tag == "style":
            self.inline_styles.append("<style>")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.inline_styles.append(f"<{tag} style>")
            if name in ("href", "src", "action", "formaction", "hx-get", "hx-post") and value:
                if value.strip().lower().replace("\t", "").replace("\n", "").startswith("javascript:"):
                    self.javascript_urls.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1


def audit(html: str) -> ScriptAudit:
    parser = ScriptAudit()
    parser.feed(html)
    parser.close()
    return parser
