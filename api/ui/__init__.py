"""Building blocks of the web UI (routes: blueprint ``pages`` in ``api/pages.py``).

* ``terms``: pyoxigraph values to page values, IRIs to local links and CURIEs, ``select``/``labels``
* ``overview``: home page summary and the places on the map
* ``claims``: claim listings (two queries, filters) and the estimates of the place timeline
* ``description``: a resource's statements, parts, incoming links and evidence sentences
* ``resources``: the tables and RDF of a resource page
* ``results``: SPARQL results (competency questions) as a table
* ``tables``, ``conneg``, ``timeline``, ``competency``: pure helpers (CSV/JSON tables, content
  negotiation, the SVG timeline, the ``ontology/queries/*.rq`` examples)

Nothing here knows about Flask routing.
"""
