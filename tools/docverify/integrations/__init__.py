"""Where docverify meets other tools: the MkDocs plugin (badge, findings, status page) and the pytest
plugin (doc-drift items), with what only they use (page verdicts, the check worker, test cases).

May import: every stage below (checks and what they read); never commands or cli.
"""
