"""The built-in extractors (counts, dates, entities), registered through the ``factlint``
entry-point group."""
