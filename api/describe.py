"""Blueprint 'describe' (under construction)."""

from flask import Blueprint

bp = Blueprint("describe", __name__)
