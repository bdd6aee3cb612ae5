"""Blueprint 'dumps' (under construction)."""

from flask import Blueprint

bp = Blueprint("dumps", __name__)
