"""Detail panes: actor positions, details of an item, search, filters, the matrix."""
