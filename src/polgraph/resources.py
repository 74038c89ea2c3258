"""The only code that locates the ontology, the topic scheme and the shapes."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def _resource_dir(name: str) -> Path:
    packaged = Path(str(resources.files("polgraph"))) / "_resources" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name  # editable install / source tree
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"polgraph resource folder {name!r} not found at {packaged} or {checkout}")


def ontology_path() -> Path:
    return _resource_dir("ontology") / "polgraph.ttl"


def topics_path() -> Path:
    return _resource_dir("ontology") / "topics.ttl"


def shapes_path() -> Path:
    return _resource_dir("shapes") / "polgraph.shapes.ttl"
