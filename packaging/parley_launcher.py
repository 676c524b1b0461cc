"""The bundle's entry point: ``parley`` exactly as the installed command behaves."""

import sys

from viewer.cli import main

if __name__ == "__main__":
    sys.exit(main())
