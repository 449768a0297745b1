"""The claims file: a document's metadata and its already-extracted claims.

A first-class input (JSON or YAML), for pipelines that extract claims elsewhere and
want factlint's checks; ``factlint extract`` writes one, ``factlint schema`` prints
its JSON Schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from .models import Claim, ClaimBase, Document, Model, PublishedDate

__all__ = ["ClaimsDocument", "ClaimsFile", "claims_file_data", "claims_file_schema"]


class ClaimsDocument(Model):
    """What a claims file says about its article."""

    path: str | None = Field(None, description="The article the claims were taken from.")
    title: str | None = Field(None, description="The headline.")
    published: PublishedDate | None = Field(None, description="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
    language: str = Field("en", description="BCP 47 language tag.")
    text: str | None = Field(
        None, description="The article's prose; when given, claim spans are offsets into it."
    )
    sources: list[str] = Field(
        default_factory=list,
        description="Files the article was written from, relative to the claims file, for the source/ rules.",
    )


class ClaimsFile(Model):
    """A claims file, version 1."""

    schema_version: Literal[1] = Field(description="Always 1 for this version of the format.")
    document: ClaimsDocument = Field(default_factory=ClaimsDocument, description="The article's metadata.")
    claims: list[Claim] = Field(default_factory=list, description="The claims, each told apart by its kind.")


def claims_file_schema() -> dict[str, Any]:
    """The JSON Schema of a claims file."""
    schema = ClaimsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "factlint claims file"
    return schema


def claims_file_data(document: Document, claims: Iterable[ClaimBase]) -> dict[str, Any]:
    """A document and its claims as a claims file's JSON data (what ``factlint
    extract`` prints): checking that file gives the document's findings again."""
    meta = document.metadata
    return {
        "schema_version": 1,
        "document": {
            "path": document.path,
            "title": meta.title,
            "published": str(meta.published) if meta.published else None,
            "language": meta.language,
            "text": document.text,
        },
        "claims": [c.model_dump(mode="json") for c in claims],
    }
