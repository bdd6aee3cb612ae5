"""Blueprint 'pages' (under construction)."""

from flask import Blueprint

bp = Blueprint("pages", __name__)
