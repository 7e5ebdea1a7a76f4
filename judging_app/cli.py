"""Command line entry point (filled in by the pipeline issue)."""

def main() -> int:
    return 0
