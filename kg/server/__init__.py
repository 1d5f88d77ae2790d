"""The newskg server: a store -> linked-data pages, stored queries as URLs, a SPARQL endpoint.

Built on Starlette (routing, requests, responses) and Jinja2 (autoescaped pages); run it with
uvicorn, as `kg serve` does.
"""

from kg.server.app import create_app
from kg.server.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
