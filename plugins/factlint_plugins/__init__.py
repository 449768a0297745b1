"""factlint's built-in plugins: formats, extractors, checks and reporters, each
registered through the ``factlint`` entry-point group."""
