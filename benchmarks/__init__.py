"""Plain benchmark scripts: `python -m benchmarks.<name>` prints its figures."""
