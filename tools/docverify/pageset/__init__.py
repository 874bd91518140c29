"""The set of pages: every page of a site read once through page/, indexed by path and by (rel, lang).

Owns: `Site`, finding a site's pages, per-site derived indexes.
May import: the shared ground, site, page.
"""
