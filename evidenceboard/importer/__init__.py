"""Importing news articles: reading files and pasted text, extracting actors and claims,
and turning them into one board edit.

Headless (no Qt widgets).  ``reading`` turns bytes into the exact text a source stores,
``extract`` finds actors and claims in it with general English rules (no model, nothing
downloaded), ``to_board`` builds the edit, ``files`` dispatches files from disk.
"""
