"""reads: what the command line, the JSON API and the pages show that takes more than the store's
rows: outlets of a story compared, exports with their formats, the detail of an article, an actor
or a dyad."""
