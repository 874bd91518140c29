"""Pages across languages: pairing each translation with its source, the facets a translation must
keep, staleness against the source, and the translation status matrix.

May import: the shared ground, site, page, gitbook (SUMMARY and space pairing), pageset, curl.
"""
