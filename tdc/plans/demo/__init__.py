"""The demo province's plans. `load` (run by `loaddemo` in app order) imports the seed plans;
`tdc.plans.demo.execution.load` plays their execution once every app's demo users exist."""

from tdc.plans.demo.plans import load

__all__ = ["load"]
