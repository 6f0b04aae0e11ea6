"""GraphQL for the portfolio itself: portfolios, programs, projects, risks and the event stream."""
