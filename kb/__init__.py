"""deploykb: military deployments as reported in the news, as a SPARQL-queryable knowledge base."""

__version__ = "0.1.0"
