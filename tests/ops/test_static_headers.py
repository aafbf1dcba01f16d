"""Static files served by WhiteNoise carry the protective headers the pages get from middleware."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_svg_gets_a_policy_that_allows_no_script(client):
    response = client.get("/static/img/favicon.svg")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("path", ["/static/css/site.css", "/static/js/site.js", "/static/img/favicon.svg"])
def test_every_static_file_refuses_framing_and_sniffing(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
