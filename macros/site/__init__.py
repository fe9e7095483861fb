"""The site: the MkDocs plugin (config and events), page selection, audiences, leak check."""
