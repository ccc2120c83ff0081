"""Training history: the runner's real runs, from watch files and exports to activity records.

Pure: bytes in, activity records out. No database, no web, no files opened here except what a
caller hands over as bytes.
"""
