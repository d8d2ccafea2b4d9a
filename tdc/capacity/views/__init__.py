"""The capacity pages, one module per register."""
