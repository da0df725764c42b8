"""Tests of webapp."""
