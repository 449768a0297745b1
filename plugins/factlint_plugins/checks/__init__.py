"""The built-in checks, one module per rule family, registered through the ``factlint``
entry-point group."""
