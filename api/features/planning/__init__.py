"""GraphQL for planning: tasks, dependencies, calendars, baselines and the portfolio schedule."""
