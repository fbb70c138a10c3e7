"""Browser tests of the dashboard card."""
