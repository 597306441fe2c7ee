"""The bundle's entry point: the same program as the ``evidenceboard`` command."""

import sys

from evidenceboard.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
