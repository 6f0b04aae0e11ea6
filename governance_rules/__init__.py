"""The catalog of reusable governance rules and the default rule sets per PMO type."""
