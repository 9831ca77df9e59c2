"""Small reusable widgets and the look they share (theme, glyphs)."""
