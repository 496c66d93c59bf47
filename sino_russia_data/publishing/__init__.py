"""Outputs people publish: citations, the data dictionary, the Frictionless descriptor,
the exports and the canonical CSV form. Each reads the registry's facts of the tables."""
