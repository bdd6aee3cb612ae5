"""Blueprint 'writes' (under construction)."""

from flask import Blueprint

bp = Blueprint("writes", __name__)
