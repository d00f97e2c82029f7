"""`python -m benchmarks.run --events N`: Chronicle's speed at scale, measured, not asserted."""
