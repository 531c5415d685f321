"""Forms read back from the pages, as a browser would submit them: the walks post what a page offers."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The fields of the page's first POST form (in <main>: not the header's language switch), as a browser
    would submit them untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str, str]] = []  # (name, value, kind)
        self.inside = self.done = self.in_main = False
        self.select = self.textarea = None
        self.multiple = False
        self.first_option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.in_main = self.in_main or tag == "main"
        if tag == "form" and self.in_main and not self.done and a.get("method", "").lower() == "post":
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", ""), kind))
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self.select, self.first_option = a["name"], None
            self.multiple = "multiple" in a
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value", "")
            if "selected" in a:
                self.fields.append((self.select, a.get("value", ""), "select"))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].strip("\n"), "textarea"))
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = any(name == self.select for name, _v, _k in self.fields)
            if not chosen and not self.multiple and self.first_option:
                self.fields.append((self.select, self.first_option, "select"))
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def read_form(html: str) -> list[tuple[str, str, str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.fields


class IdFields(HTMLParser):
    """The fields of the page's main form that take ids (a select or checkboxes whose values are all
    numbers), with the values the form offers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.offered: dict[str, set[str]] = {}
        self.inside = self.done = self.in_main = False
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.in_main = self.in_main or tag == "main"
        if tag == "form" and self.in_main and not self.done and (a.get("method") or "").lower() == "post":
            self.inside = True
        if not self.inside:
            return
        if tag == "select" and a.get("name"):
            self.select = a["name"]
            self.offered.setdefault(self.select, set())
        elif tag == "option" and self.select:
            self.offered[self.select].add(a.get("value") or "")
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and a.get("name"):
            self.offered.setdefault(a["name"], set()).add(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True

    def id_fields(self) -> dict[str, set[str]]:
        return {
            name: values - {""}
            for name, values in self.offered.items()
            if "__i__" not in name and values - {""} and all(v.isdigit() for v in values - {""})
        }
