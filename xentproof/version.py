"""The version of xentproof, in one place (the package, the cache key, SARIF)."""

__version__ = "0.1.0"
