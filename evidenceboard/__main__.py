"""``python -m evidenceboard`` is the same as the ``evidenceboard`` command."""

import sys

from .cli.main import main

sys.exit(main())
