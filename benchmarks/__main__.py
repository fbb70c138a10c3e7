"""Run the benchmarks and print their figures: python -m benchmarks [pytest args].

The benchmarks are pytest modules (bench_*.py) so they get a real Home Assistant
from the same test harness as the tests; `scripts/test` does not collect them.
"""

import sys

import pytest

ARGS = [
    "benchmarks",
    "-o",
    "python_files=bench_*.py",
    "-o",
    "python_functions=bench_*",
    "-p",
    "no:cacheprovider",
    "-q",
    "--no-header",
]

if __name__ == "__main__":
    sys.exit(pytest.main([*ARGS, *sys.argv[1:]]))
