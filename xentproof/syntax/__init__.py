"""The safe expression reader: text of a derivation file → SymPy object and display text.

Nothing in a derivation file is ever executed (see ``reader``). The modules, lowest first:

- ``bounds``: the limits on what an expression may build, and the guarded construction;
- ``display``: names in unicode, and the one precedence scale of every printer;
- ``scope``: the names an expression may use;
- ``vocabulary``: the names, operators and forms the reader knows or refuses;
- ``equation``: an equation step's text split into its two sides;
- ``source``: the text parsed into a syntax tree, and the column of each node;
- ``tree``: what the walk over the tree shares (the part as built, the walk's state);
- ``operators`` and ``forms``: the operators, and the forms with a syntax of their own
  (Sum, Limit, Piecewise, …);
- ``reader``: the entry points ``read_expression`` and ``read_constant``, and the walk's
  leaves and calls.

The package itself imports none of them, so that the display and the vocabulary load
without the reader.
"""
