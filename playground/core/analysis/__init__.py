"""Looking inside a model: captured internals, switches (ablation), attributions, head scores,
surprise, the counting baselines and the verdict, the explain-mode walkthrough."""
