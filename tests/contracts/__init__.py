"""Import-linter contract types of our own, loaded by `lint-imports` from the project root."""
