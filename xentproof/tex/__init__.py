"""LaTeX both ways: names (the ``[latex]`` table), reading steps written in LaTeX, and
printing steps as LaTeX in the author's order."""
