"""Graph work on boards (layout, paths, centrality, corroboration), headless, with networkx."""
