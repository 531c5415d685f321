#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salescamp.settings")
    if "SECRET_KEY" not in os.environ and "DEBUG" not in os.environ:
        # A bare `manage.py …` on a developer's machine: development settings. Production always sets
        # SECRET_KEY, so it never lands here (and the WSGI entry point has no such default).
        os.environ["DEBUG"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
