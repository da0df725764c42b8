"""Tests of the network wing: the map model and what it derives."""
