"""The ``evidenceboard`` command line.  Non-visual commands never create a QApplication."""
