"""Test machinery the apps share (imported by tests only; `core` stays a leaf: whatever is
app-specific comes in as a parameter)."""
