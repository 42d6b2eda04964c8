"""schema.org structured data (JSON-LD) for the pages: an Organization per cluster page and a
Dataset for the catalogue's open data. Plain data in, a string safe inside <script> out.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from .catalogue import Catalogue
from .model import Cluster

# What the open data offers (see docs/om.md#data), as schema.org DataDownloads.
DOWNLOADS = (
    ("data/clusters.json", "application/json", "Alle klynger (JSON)"),
    ("data/clusters.csv", "text/csv", "Alle klynger (CSV)"),
    ("data/themes.json", "application/json", "Fagområder (JSON)"),
    ("data/cases.json", "application/json", "Cases (JSON)"),
    ("data/figures.json", "application/json", "Tal fra performanceregnskaberne (JSON)"),
    ("data/certifications.json", "application/json", "Certificeringer (JSON)"),
    ("data/sources.json", "application/json", "Kilder og lister (JSON)"),
)
DATASET_PAGE = "om/"  # where the open data is described (#data)


def cluster_organization(cluster: Cluster, page_url: str) -> dict[str, Any]:
    """The cluster as a schema.org Organization. `url` is its page in the catalogue (every
    cluster has one); its own website, only where a source gives it, is `sameAs`."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": page_url + "#klynge",
        "name": cluster.name,
        "url": page_url,
    }
    if cluster.aliases:
        data["alternateName"] = list(cluster.aliases)
    if cluster.description:
        data["description"] = " ".join(cluster.description.split())
    if cluster.website and cluster.website_source:
        data["sameAs"] = [cluster.website]
    return data


def dataset(catalogue: Catalogue, site_url: str, name: str, description: str) -> dict[str, Any]:
    """The catalogue's open data as a schema.org Dataset. The temporal coverage is the span
    of the dated sources' publication years; nothing else is claimed."""
    years = sorted({int(s.published[:4]) for s in catalogue.sources if s.published})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": urljoin(site_url, DATASET_PAGE) + "#data",
        "name": name,
        "description": description,
        "url": urljoin(site_url, DATASET_PAGE),
        "inLanguage": "da",
        "isAccessibleForFree": True,
        "keywords": ["klynger", "innovationsnetværk", "Danmark", "erhvervsklynger"],
        "creator": {"@type": "Organization", "name": name, "url": site_url},
        "citation": [s.title for s in catalogue.sources],
        "distribution": [
            {"@type": "DataDownload", "name": title, "encodingFormat": kind, "contentUrl": urljoin(site_url, path)}
            for path, kind, title in DOWNLOADS
        ],
    }
    if years:
        data["temporalCoverage"] = f"{years[0]}/{years[-1]}" if years[0] != years[-1] else str(years[0])
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> element. `<`, `>` and `&` become JSON
    escapes, so no text in the data can close the element or open a comment; the result
    needs no further escaping (Material's templates do not autoescape)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
