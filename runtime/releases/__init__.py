"""Releases: the immutable snapshots the runtime serves (the model and its rules)."""
