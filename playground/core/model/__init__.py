"""The model itself: its settings (GPTConfig), the decoder-only GPT, and sampling from it."""
