"""The scale benchmark: `python -m benchmarks` (`make bench`); see BENCHMARKS.md."""
