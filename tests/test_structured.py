"""schema.org JSON-LD: safe inside <script>, and on the built pages of the right types with
their required properties (Organization per cluster page, Dataset on the home and /om/)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from klyngekatalog.structured import DOWNLOADS, cluster_organization, dataset, script_json

from sitebuild import DATA, PAYLOAD, PAYLOAD_NAME, parse_html, payload_site, payload_targets, real_site  # noqa: F401

SITE_URL = "https://klyngekataloget.github.io/"  # mkdocs.yml's default
_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> list[dict]:
    return [json.loads(text) for text in _LD.findall(html)]


# --- the serialisation ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "<!-- <script>", "a & b > c", "</SCRIPT >", "\u2028\u2029", PAYLOAD],
)
def test_script_json_cannot_end_the_script_element(text):
    out = script_json({"name": text})
    assert not re.search(r"[<>&\u2028\u2029]", out), out
    assert json.loads(out) == {"name": text}


def test_script_json_keeps_danish_letters_readable():
    assert script_json({"name": "Fødevarer på Ærø"}) == '{"name":"Fødevarer på Ærø"}'


# --- the data ----------------------------------------------------------------------------


def check_organization(data: dict, page_url: str) -> None:
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert isinstance(data["name"], str) and data["name"]
    assert data["url"] == page_url
    assert data["@id"].startswith(page_url)
    for url in data.get("sameAs", []):
        assert urlsplit(url).scheme in ("http", "https"), url
    assert all(isinstance(name, str) and name for name in data.get("alternateName", []))


def check_dataset(data: dict, site_url: str) -> None:
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Dataset"
    # Google's required properties; its description must be 50–5000 characters.
    assert data["name"]
    assert 50 <= len(data["description"]) <= 5000
    assert data["url"].startswith(site_url)
    assert data["distribution"]
    for download in data["distribution"]:
        assert download["@type"] == "DataDownload"
        assert download["contentUrl"].startswith(site_url)
        assert download["encodingFormat"] in ("application/json", "text/csv")


def test_organization_of_a_cluster_with_aliases_and_website(catalogue):
    cluster = next(c for c in catalogue.clusters if c.aliases and c.website)
    url = SITE_URL + f"klynger/{cluster.id}/"
    data = cluster_organization(cluster, url)
    check_organization(data, url)
    assert data["alternateName"] == list(cluster.aliases)
    assert data["sameAs"] == [cluster.website]


def test_organization_claims_nothing_the_catalogue_lacks(catalogue):
    cluster = next(c for c in catalogue.clusters if not c.aliases and not c.website and not c.description)
    data = cluster_organization(cluster, SITE_URL + f"klynger/{cluster.id}/")
    assert set(data) == {"@context", "@type", "@id", "name", "url"}


def test_dataset_covers_the_sources_years(catalogue):
    data = dataset(catalogue, SITE_URL, "Klyngekataloget", "x" * 60)
    check_dataset(data, SITE_URL)
    years = [int(s.published[:4]) for s in catalogue.sources if s.published]
    assert data["temporalCoverage"] == f"{min(years)}/{max(years)}"
    assert {d["contentUrl"] for d in data["distribution"]} == {SITE_URL + path for path, _, _ in DOWNLOADS}


# --- the built site ------------------------------------------------------------------------


@pytest.mark.build
def test_every_cluster_page_has_its_organization(real_site, catalogue):
    site = real_site.require()
    for cluster in catalogue.clusters:
        url = f"klynger/{cluster.id}/"
        (data,) = json_ld(site.html(url))
        check_organization(data, SITE_URL + url)
        assert data["name"] == cluster.name
        assert data.get("alternateName", []) == list(cluster.aliases)
        assert data.get("sameAs", []) == ([cluster.website] if cluster.website else [])


@pytest.mark.build
@pytest.mark.parametrize("url", ["", "om/"])
def test_the_data_is_described_as_a_dataset(real_site, url):
    (data,) = json_ld(real_site.require().html(url))
    check_dataset(data, SITE_URL)
    for download in data["distribution"]:
        path = download["contentUrl"].removeprefix(SITE_URL)
        assert real_site.file(path).is_file(), path


@pytest.mark.build
def test_other_pages_carry_no_structured_data(real_site):
    site = real_site.require()
    for url in ("klynger/", "temaer/", "tal/", "sog/"):
        assert json_ld(site.html(url)) == [], url


@pytest.mark.build
def test_payload_stays_inside_the_json_ld(payload_site, payload_targets):
    site = payload_site.require()
    url = f"klynger/{payload_targets.cluster}/"
    html = site.html(url)
    (data,) = json_ld(html)
    assert data["name"] == PAYLOAD_NAME
    assert PAYLOAD.split()[0] in json.dumps(data, ensure_ascii=False)
    # One JSON-LD element, ending where it should: the payload's </script> did not close it.
    (raw,) = _LD.findall(html)
    assert "<" not in raw and ">" not in raw
    head = parse_html(html).first("head")
    assert sum(1 for s in head.iter("script") if s.attrs.get("type") == "application/ld+json") == 1
