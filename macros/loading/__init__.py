"""Loading and checking: YAML sources with their lines, validation, cross-references."""
