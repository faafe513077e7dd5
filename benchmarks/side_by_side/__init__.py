"""`make bench`: the mock, Prism on the same documents, and a bare Starlette app answering the
same bytes (the ceiling), measured side by side in one run, in alternating rounds, with wrk.

Alternating rounds (every contender once per round, the order rotating) spread whatever else
the machine is doing over all three, so the ratios hold even where absolute figures do not.
"""
