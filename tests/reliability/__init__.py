"""Reliability: restarts, crashes, flapping sensors, bad input, reloads."""
