"""``python -m factlint``: the same as the ``factlint`` command."""

import sys

from .cli import main

sys.exit(main())
