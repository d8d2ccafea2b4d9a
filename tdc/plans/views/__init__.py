"""Pages of plans, split by sub-domain; `tdc.plans.urls` maps them. Thin: load through the
door (`tdc.plans.access`), validate with a form, call one service."""
