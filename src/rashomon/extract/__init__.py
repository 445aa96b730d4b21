"""Extract: facts found in annotated articles."""
