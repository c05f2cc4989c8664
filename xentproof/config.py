"""The project's configuration: ``[tool.xentproof]`` in ``pyproject.toml``.

Found as ruff and pytest find theirs: from a folder upwards, the first ``pyproject.toml``
that has a ``[tool.xentproof]`` table. Its folder is the project's root: the configured
``paths`` and ``cache-dir`` are relative to it, and the proof cache lives there (not in
whatever subfolder the command ran from). Without one, the root is the current folder.
Command-line flags override every key.

```toml
[tool.xentproof]
paths = ["derivations"]     # what `xentproof check` checks when no path is given
timeout = 5                 # seconds per relation (--timeout)
jobs = 2                    # worker processes (-j)
memory = 2048               # MB per relation (--memory)
cache = true                # false: as --no-cache
cache-dir = ".xentproof_cache"
format = "text"             # text, json, junit, github, sarif (--format)
show = "failing"            # all, failing, quiet: what the text report shows (-v, -q)
```

Nothing here imports SymPy: the pytest plugin reads it before any check.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, UsageError
from .files import read_bounded
from .settings import CACHE_DIR, DEFAULT_PATH

CONFIG_FILE = "pyproject.toml"
MAX_CONFIG_BYTES = 1_000_000
FORMATS = ("text", "json", "junit", "github", "sarif")
SHOWS = ("all", "failing", "quiet")


@dataclass(frozen=True)
class Config:
    """The settings of ``[tool.xentproof]``; None where the file does not set one."""

    root: Path
    file: Path | None = None
    paths: tuple[str, ...] | None = None
    timeout: float | None = None
    jobs: int | None = None
    memory: int | None = None
    cache: bool = True
    cache_dir: str = CACHE_DIR
    format: str | None = None
    show: str | None = None

    @property
    def cache_path(self) -> Path:
        """The proof cache's folder: beside the configuration (or in the current folder)."""
        return self.root / self.cache_dir

    def default_paths(self) -> list[str]:
        """What to check when no path is named: the configured paths (relative to the
        root), else ``derivations`` in the root; as paths relative to the current folder
        where they can be (the reports name files as they were found)."""
        return [_relative(self.root / p) for p in (self.paths or (DEFAULT_PATH,))]


def find_config(start: Path | None = None) -> Config:
    """The configuration that applies in ``start`` (default: the current folder)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        file = candidate / CONFIG_FILE
        if not file.is_file():
            continue
        table = _tool_table(file)
        if table is not None:
            return _config(candidate, file, table)
    return Config(root=Path.cwd() if start is None else folder)


def _tool_table(file: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(read_bounded(file, MAX_CONFIG_BYTES).decode("utf-8"))
    except (InputError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{file}: cannot read the configuration: {error}") from None
    tool = data.get("tool")
    table = tool.get("xentproof") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise UsageError(f"{file}: [tool.xentproof] must be a table")
    return table


_KEYS = ("paths", "timeout", "jobs", "memory", "cache", "cache-dir", "format", "show")


def _config(root: Path, file: Path, table: dict[str, Any]) -> Config:
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise UsageError(
            f"{file}: [tool.xentproof] has no key {unknown[0]!r} (keys: {', '.join(_KEYS)})"
        )

    def bad(key: str, what: str) -> UsageError:
        return UsageError(f"{file}: [tool.xentproof] {key} must be {what}, got {table[key]!r}")

    paths = table.get("paths")
    if paths is not None and (
        not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths)
    ):
        raise bad("paths", "a list of paths")
    timeout = table.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not (math.isfinite(timeout) and timeout > 0)
    ):
        raise bad("timeout", "a positive number of seconds")
    for key, least in (("jobs", 1), ("memory", 64)):
        value = table.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise bad(key, "a whole number")
        if value is not None and value < least:
            raise bad(key, f"at least {least}")
    if not isinstance(table.get("cache", True), bool):
        raise bad("cache", "true or false")
    if not isinstance(table.get("cache-dir", CACHE_DIR), str):
        raise bad("cache-dir", "a path")
    for key, choices in (("format", FORMATS), ("show", SHOWS)):
        if key in table and table[key] not in choices:
            raise bad(key, "one of " + ", ".join(choices))
    return Config(
        root=root,
        file=file,
        paths=None if paths is None else tuple(paths),
        timeout=None if timeout is None else float(timeout),
        jobs=table.get("jobs"),
        memory=table.get("memory"),
        cache=table.get("cache", True),
        cache_dir=table.get("cache-dir", CACHE_DIR),
        format=table.get("format"),
        show=table.get("show"),
    )


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive: there is no relative path
        return str(path)
