"""Computation on the validated models: R.O.I. citoyen, quote, choice of scenario, French rules.

Pure functions: nothing here reads files or imports MkDocs.
"""
