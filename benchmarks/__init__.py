"""Benchmarks of Desk Break Coach against the do-it-yourself YAML package."""
