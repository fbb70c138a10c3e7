"""Tests of Desk Break Coach."""
