"""Rendering: one module per widget, shared HTML helpers, the one sanitizing choke point."""
