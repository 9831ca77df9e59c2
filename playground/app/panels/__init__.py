"""One tab each (and the settings sidebar); panels never import each other: the window wires them."""
