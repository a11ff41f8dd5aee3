"""Sub-commands of the ``tmcontent`` CLI, one module each (see :mod:`tmcontent.cli`)."""
