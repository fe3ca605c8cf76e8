"""``python -m voyages`` runs the ``voyages`` command."""

from voyages.cli.main import main

main()
