"""Pages of traceability: the business's products, lots, places and steps (business.py), the
public Digital Link resolver (public.py)."""
