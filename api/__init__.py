"""The deploykb web face: SPARQL 1.1 Protocol endpoint, dumps, write endpoints and web UI.

Built as a Flask application factory with one blueprint per concern.
"""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` keys (all optional) are documented in ``api/config.py``."""
    from api import config as config_mod

    app = Flask(__name__)
    app.config.from_mapping(config_mod.defaults())
    if config:
        app.config.update(config)
    config_mod.init_store(app)

    from api import blueprints, http

    http.install(app)

    for bp in blueprints.all_blueprints():
        app.register_blueprint(bp)
    return app
