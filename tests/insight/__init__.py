"""Tests of the insight wing: the sector in figures."""
