"""The pieces of scripts/build_catalog.py: Turtle writer, equipment, places, actors."""
