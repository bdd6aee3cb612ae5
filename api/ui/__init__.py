"""Building blocks of the web UI (blueprint ``pages`` in ``api/pages.py``).

Pure helpers (tables, content negotiation, timeline SVG, competency queries) and the SPARQL the
pages run against the store. Nothing here knows about Flask routing.
"""
