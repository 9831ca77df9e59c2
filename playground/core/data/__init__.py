"""Text in: loading a corpus, tokenizers, the train/validation split, token statistics, the copy index."""
