"""The ``kit`` command, one module per sub-command (see :mod:`macros.commands.cli`)."""
