"""The session: what the user is working with, the rules that change it, its questions and its files."""
