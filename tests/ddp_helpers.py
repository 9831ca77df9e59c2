"""Worker processes for the data-parallel tests (spawned: they must live in an importable module)."""
import json
import os


def train_with_nan_on_one_rank(rank: int, world: int, port: int, result_dir: str, nan_rank: int, nan_step: int):
    import torch
    import torch.distributed as dist
    from conftest import SMALL_TEXT
    from engine_helpers import tiny_trainer
    from torch.nn.parallel import DistributedDataParallel

    from playground.core.training.controller import TrainingController
    from playground.core.training.events import StateEvent

    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    torch.set_num_threads(1)
    trainer = tiny_trainer(SMALL_TEXT, max_steps=200, precision="fp32")
    trainer.forward_model = DistributedDataParallel(trainer.model)
    if rank == nan_rank:
        real_forward = trainer.forward_model.forward

        def forward(x, y):
            logits, loss = real_forward(x, y)
            return logits, loss * float("nan") if trainer.step == nan_step else loss

        trainer.forward_model.forward = forward
    controller = TrainingController(trainer)
    reasons = []
    controller.add_callback(lambda e: isinstance(e, StateEvent) and reasons.append(e.reason))
    state = controller.run()
    with open(os.path.join(result_dir, f"rank{rank}.json"), "w") as f:
        json.dump({"state": state, "step": trainer.step, "reason": reasons[-1]}, f)
    dist.destroy_process_group()
