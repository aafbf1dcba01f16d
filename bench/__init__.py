"""Benchmarks and load tests (scripts, not part of `make test`). See docs/performance.md."""
