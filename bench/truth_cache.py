"""The ground truth of many relations at once: in worker processes, kept in a cache.

``evaluate_all(pairs)`` gives each pair's ``Truth`` (``bench/truth.py``), evaluating in
``WORKERS`` processes only the pairs whose truth is not in the cache. An entry is keyed by
everything that decides it:

- the pair's place (``file::chain::index``: the sample's seed is drawn from it);
- the reference's reading of the relation: both sides, the relation, and the declarations
  it is read with (the file's symbols, families, functions and constraints, the chain's
  ``where`` and ``assume``), as the reference's own frozen dataclasses print them;
- the version of the code that judges: the text of ``bench/truth.py`` and of every module
  of ``tests/reference`` (its tests left out), and mpmath's version.

Any edit to a relation, to its file's declarations or to the evaluator thus evaluates it
again; nothing is ever judged from a verdict of a method benchmarked. The cache
(``bench/.truth_cache.json``) is git-ignored: it is a memo of this machine's runs, not a
record; a committed one would merge badly between branches and would let an entry written
by other code stand for the evaluator's answer. ``--fresh-truth`` (``bench/run.py``)
evaluates everything again.

Entries whose relation hit the evaluator's wall-clock budget (``truth.SECONDS``) are kept
as they came out; they say so in their detail ("… undecided") like any other.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import mpmath

from tests.reference import ReferenceSyntaxError

from .truth import Place, Truth, evaluate, relation_of

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".truth_cache.json"
WORKERS = 2  # the machine's cores; more only compete
SAVE_EVERY = 30.0  # seconds: a run cut short keeps what it found


@dataclass(frozen=True)
class Site:
    """A pair's place, all a worker process needs (a ``Pair`` carries SymPy objects)."""

    file: str
    chain: str
    index: int

    @property
    def key(self) -> str:
        return f"{self.file}::{self.chain}::{self.index}"


@dataclass(frozen=True)
class Summary:
    """How the ground truth of a run was obtained."""

    relations: int
    evaluated: int  # in this run
    cached: int  # taken from the cache
    wall: float  # seconds, the whole evaluation
    work: float  # seconds, the sum of the relations evaluated (in the workers)
    workers: int
    slowest: tuple[tuple[str, float], ...]  # the slowest relations evaluated in this run


def code_version() -> str:
    """A digest of the code that decides a truth: ``bench/truth.py``, the reference
    evaluator's modules, and mpmath's version."""
    digest = hashlib.sha256(f"mpmath {mpmath.__version__}\n".encode())
    reference = sorted((ROOT / "tests" / "reference").glob("*.py"))
    for path in [HERE / "truth.py", *(p for p in reference if not p.name.startswith("test_"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_key(pair: Place, version: str) -> str | None:
    """What decides the pair's truth, as a digest; None when the reference cannot read it
    (then evaluating says so at once, and nothing is kept)."""
    try:
        relation = relation_of(pair)
    except (ReferenceSyntaxError, ValueError, KeyError):
        return None
    text = f"{version}\n{pair.key}\n{relation!r}"
    return hashlib.sha256(text.encode()).hexdigest()


def _load(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = data.get("entries") if isinstance(data, dict) else None
    return entries if isinstance(entries, dict) else {}


def _save(path: Path, entries: dict[str, dict[str, object]], version: str) -> None:
    """Write atomically, keeping only the entries of this version of the code."""
    kept = {k: v for k, v in entries.items() if v.get("version") == version}
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps({"entries": kept}, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)


def _work(site: Site) -> tuple[str, Truth, float]:
    """In a worker: one relation's truth and the seconds it took."""
    started = time.perf_counter()
    truth = evaluate(site)
    return site.key, truth, time.perf_counter() - started


def _truth(entry: dict[str, object]) -> Truth | None:
    status, point, detail = entry.get("status"), entry.get("point"), entry.get("detail")
    if status not in ("differs", "agrees", "unknown"):
        return None
    return Truth(status, str(point), str(detail))


def evaluate_all(
    pairs: Sequence[Place],
    workers: int = WORKERS,
    cache: Path | None = CACHE,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, Truth], Summary]:
    """Every pair's truth by its key: from the cache where an entry has the same key, else
    evaluated in ``workers`` processes (1: in this process), the cache then updated."""
    started = time.perf_counter()
    version = code_version()
    entries = _load(cache) if cache is not None else {}
    found: dict[str, Truth] = {}
    keys: dict[str, str | None] = {}
    todo: list[Site] = []
    for pair in pairs:
        key = keys[pair.key] = cache_key(pair, version)
        entry = entries.get(key) if key is not None else None
        known = _truth(entry) if entry is not None else None
        if known is not None:
            found[pair.key] = known
        else:
            todo.append(Site(pair.file, pair.chain, pair.index))
    cached = len(found)
    times: dict[str, float] = {}
    saved = time.perf_counter()
    for done, (place, truth, seconds) in enumerate(_evaluate(todo, workers), start=1):
        found[place], times[place] = truth, seconds
        key = keys[place]
        if key is not None:
            entries[key] = {
                "version": version,
                "place": place,
                "status": truth.status,
                "point": truth.point,
                "detail": truth.detail,
                "seconds": round(seconds, 3),
            }
        if progress is not None and (done % 50 == 0 or done == len(todo)):
            progress(f"  ground truth: {done}/{len(todo)} evaluated ({cached} from the cache)")
        if cache is not None and time.perf_counter() - saved > SAVE_EVERY:
            _save(cache, entries, version)
            saved = time.perf_counter()
    if cache is not None and todo:
        _save(cache, entries, version)
    slowest = tuple(sorted(times.items(), key=lambda item: -item[1])[:5])
    summary = Summary(
        relations=len(pairs),
        evaluated=len(todo),
        cached=cached,
        wall=time.perf_counter() - started,
        work=sum(times.values()),
        workers=workers,
        slowest=slowest,
    )
    return found, summary


def _evaluate(sites: list[Site], workers: int) -> Iterator[tuple[str, Truth, float]]:
    """``(key, truth, seconds)`` for each site, in the order they finish."""
    if workers <= 1 or len(sites) <= 1:
        yield from (_work(site) for site in sites)
        return
    # fork: the workers start with the reference already imported and need nothing from
    # this process but the sites; each relation runs in a worker's main thread, where the
    # evaluator's SIGALRM budget works.
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(_work, site) for site in sites]
        for future in concurrent.futures.as_completed(futures):
            yield future.result()
