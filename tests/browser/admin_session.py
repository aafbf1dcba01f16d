"""Signing in to the admin in a browser page, as the browser tests' editors do."""

from django.urls import reverse


def log_in(page, base_url: str, username: str, password: str):
    """Fill the admin's login form and wait for its index; returns the page."""
    page.goto(base_url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page
