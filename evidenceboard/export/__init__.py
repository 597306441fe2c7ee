"""Export: pictures of a board (PNG, SVG, PDF, print), the published chart (frame, legend,
sources, pages), the provenance report, and the registry that runs every export format.

Interchange formats (board JSON, JSON Canvas, GraphML, FollowTheMoney, CSV) live in
:mod:`evidenceboard.formats`, reader and writer side by side; the registry here writes
them.  Headless: QtGui only, never widgets.
"""
