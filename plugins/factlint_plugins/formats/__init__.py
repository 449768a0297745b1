"""The built-in input formats, one module each, registered through the ``factlint`` entry-point group."""
