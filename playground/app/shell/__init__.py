"""The window and what runs behind it: menus and wiring, start-up, settings, language, dialogs, workers."""
