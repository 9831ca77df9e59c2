"""What is kept on disk: checkpoints, the run list, timelines, and Hugging Face GPT-2 folders both ways."""
