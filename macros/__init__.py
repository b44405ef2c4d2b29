"""The KAM competency handbook's Python package: load, validate and score a framework.

``define_env`` (in ``main.py``) plugs it into mkdocs-macros; ``scripts/kam.py``
is its command line.
"""
