"""``python -m xentproof``: the same command line as the ``xentproof`` script."""

from __future__ import annotations

from xentproof.launch import entry

if __name__ == "__main__":
    entry()
