"""Schedules seen whole: baselines and variances, and the portfolio schedule view."""
