"""factlint's version and the version of its plugin API."""

__version__ = "0.1.0"
"""The package's version, written only here: the build reads it from this line
(``[tool.hatch.version]`` in pyproject.toml), so the installed metadata agrees."""

PLUGIN_API = "1.1"
"""The version of the plugin contract (hooks, models, base classes). The minor part
grows when something is added; the major part only when something a plugin uses is
removed or changed. A plugin may declare the range it supports as a module attribute,
``FACTLINT_PLUGIN_API = ">=1.0,<2"``; outside that range it is refused at load."""
