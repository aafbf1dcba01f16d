"""Submit admin forms as a browser would: the values the rendered form holds, with a test's changes.

Reading the form back from the page keeps a test about one field working when other fields are added to
the form (a browser sends them all), and fails when a field the test fills is not on the page.
"""

from tests.html import select_one

SKIPPED_TYPES = {"submit", "button", "file", "reset", "image"}


def form_values(response, css: str = "#content-main form[method=post]") -> dict[str, str | list[str]]:
    form = select_one(response, css)
    data: dict[str, str | list[str]] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "text")
        if field.name == "input" and (
            kind in SKIPPED_TYPES or (kind in {"checkbox", "radio"} and not field.has_attr("checked"))
        ):
            continue
        if field.name == "textarea":
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = [option.get("value", "") for option in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        else:
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data


def submitted(client, url: str, css: str = "#content-main form[method=post]", **changes) -> tuple:
    """GET the form at `url`, change some fields (each must be on the page) and POST it back."""
    data = form_values(client.get(url), css)
    unknown = set(changes) - set(data)
    assert not unknown, f"not in the form: {sorted(unknown)}"
    data.update(changes)
    return client.post(url, data), data
