"""The benchmark, mutation testing, speed and fuzzing tools, run from the repository root.

    python -m bench.run --quick                 # the benchmark; writes bench/RESULTS.md
    python -m bench.speed                       # how fast ``xentproof check`` is, cold
    python -m bench.mutate                      # single-edit mutants must be REFUTED
    python -m bench.snapshot -o before.json     # every verdict row by row, for comparing commits
    python -m bench.convert_pycodemath          # pycodemath's VERIFY data as derivation files
    python -m bench.fuzz_atheris                # atheris over the reader (pip install atheris)
    python -m bench.latex_parsers               # SymPy's LaTeX parsers on the seed document

The benchmark's modules, by the order data flows through them: ``pairs`` (the relations of
the data sets), ``truth`` (their ground truth by evaluation), ``methods`` (the methods,
each run in a process of its own), ``run`` (the command line: runs them and keeps their
rows), ``score`` (counts over the rows), ``tables`` and ``report`` (``RESULTS.md``).

This file imports nothing: ``bench.fuzz_atheris`` must import xentproof only inside
atheris's instrumentation.
"""
