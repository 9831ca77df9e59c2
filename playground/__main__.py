"""`python -m playground` opens the app (with arguments, it is the command line: `python -m playground train …`)."""
import sys

from playground.cli import main

sys.exit(main())
