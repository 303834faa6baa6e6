"""Organisations: members, learners, target profiles, campaigns, dashboards."""
