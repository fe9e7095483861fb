"""Outputs made from the built site and the model: PDF books (and other documents)."""
