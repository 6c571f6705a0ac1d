"""Oscar's ``search`` app, forked: the shop's search page and suggestions, served through ``search_index.api``."""
