"""The pure coaching engine: plain typed data in, plain typed data out, no I/O.

Rule ids (T1, C1, P8, S2 ...) come from the product's coaching specification and
appear in every decision the engine makes.
"""
