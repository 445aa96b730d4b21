"""Entity resolution: one entity per real actor and place, within an article and across
the corpus. ``names`` compares spellings, ``labels`` corrects the model's entity types,
``chains`` links mentions within an article, ``linker`` links them across articles."""
