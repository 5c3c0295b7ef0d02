"""The generated reference and support matrix in docs/ match the directive table."""
from pathlib import Path

from apachepy.docgen import generate

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_generated_docs_are_current():
    stale = [p.name for p, text in generate(DOCS).items() if not p.exists() or p.read_text() != text]
    assert not stale, f"run `python -m apachepy.docgen` to regenerate: {stale}"
