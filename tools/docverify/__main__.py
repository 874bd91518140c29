"""Lets `python -m docverify` run the command line."""

from docverify.cli import main

raise SystemExit(main())
