"""One module per command; each has ``register(app)`` and stays a thin layer over the library."""
