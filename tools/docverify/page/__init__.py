"""One page: its bytes decoded, parsed with markdown-it-py, cut into sections, and its claims extracted.

Owns: decoding and mojibake repair, parsing, anchors, raw-HTML markup, notices, sections,
the claim extractors and the page's API examples.
May import: the shared ground, site, curl.
"""
