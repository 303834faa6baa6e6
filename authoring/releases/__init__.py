"""Releases: build a snapshot, compare it with the current one, publish, roll back."""
