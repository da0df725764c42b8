"""Tests of entity."""
