"""Pure rules of a contest: configuration, scoring, ranking and statistics.

No Qt, no SQL, no files: every number in a ranking is computed here from plain dataclasses.
"""
