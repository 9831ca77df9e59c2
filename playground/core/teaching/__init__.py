"""The guided tour and lesson files."""
