"""The site's shape: mkdocs.yml or a GitBook tree read into a SiteConfig (docs root, languages, layout).

Owns: reading the config, telling each file's page and language, where a page of a language lives.
May import: the shared ground only (model, errors, fsutil).
"""
