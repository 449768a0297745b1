"""``python -m factlint.server [--host H] [--port P] [--config FILE]``."""

import sys

from . import main

sys.exit(main())
