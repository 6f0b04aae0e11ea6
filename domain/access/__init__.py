"""Who is calling: users, their role grants and their API tokens."""
