"""Wagtail hooks of the community review workflow."""
