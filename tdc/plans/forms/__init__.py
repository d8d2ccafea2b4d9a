"""Forms of plans, split by sub-domain (shape and types only; the rules live in the services)."""
