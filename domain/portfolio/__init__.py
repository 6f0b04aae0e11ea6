"""The portfolio itself: portfolios, programs, projects and their risks."""
