"""Training: settings and schedule, batches, the trainer, the controller and what it announces, Muon."""
