"""Benchmarks of lsh-kg: a synthetic graph generator and side-by-side engine measurements."""
