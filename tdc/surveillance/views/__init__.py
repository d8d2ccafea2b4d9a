"""Pages of market surveillance, by sub-domain (catalogue, surveys, risk and warnings, the
public warning pages, plans and inspections)."""
