"""Issue 18's outside cases that need syntax xentproof does not read yet, and the tools
that check and measure the power corpus (see README.md), run from the repository root:

    python -m bench.pending.check_labels        # every label against mpmath, with witnesses
    python -m bench.pending.measure --list      # xentproof's verdicts on the power corpus
    python -m bench.pending.make_scale          # regenerate bench/corpus/power_scale.toml
"""
