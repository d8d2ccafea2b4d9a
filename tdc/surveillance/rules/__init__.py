"""Pure rules of market surveillance (no database): measured values against limits, the EU
risk matrix, the establishment score and the survey priority formula. Services call them; tests
check them directly (property tests in tests/rules/)."""
