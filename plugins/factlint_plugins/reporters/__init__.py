"""The built-in reporters (output formats), one module each, registered through the ``factlint`` entry-point group."""
