"""Recorded API traffic: cassettes (vcrpy's format), request matching, recording, scrubbing, replay.

May import: the shared ground, site, page, pageset, curl, clients, emulator (record starts it).
"""
