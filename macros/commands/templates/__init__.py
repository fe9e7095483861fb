"""Files copied by ``kit new`` to start a client (data, not code)."""
