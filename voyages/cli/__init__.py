"""The ``voyages`` command: a thin layer over the library.

``main.py`` holds the group and the one place that turns a
:class:`voyages.errors.VoyagesError` into ``error: …`` and exit code 2;
each subcommand lives in a module of its own.
"""
