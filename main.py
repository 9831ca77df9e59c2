"""Tiny GPT Playground. `python main.py` opens the app; `python main.py train|sample ...` is the CLI."""
import sys

from playground.cli import main

if __name__ == "__main__":
    sys.exit(main())
