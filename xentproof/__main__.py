"""``python -m xentproof``: the same command line as the ``xentproof`` script."""

from __future__ import annotations

import sys

from xentproof.cli import main

if __name__ == "__main__":
    sys.exit(main())
