"""Pages of the standards app, by sub-domain."""
