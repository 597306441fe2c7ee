"""The desktop windows: the main window, its docks and dialogs (QtWidgets lives here)."""
