"""What the model makes of the current prompt, computed once per prompt and weights."""
from __future__ import annotations

from dataclasses import dataclass

from ..analysis.inspection import Inspection
from ..data.tokenizer import PromptEncoding


@dataclass
class PromptInspection:
    """What the model makes of the current prompt: computed once per prompt and weights, shared by
    every view (bars, attention maps, explain mode)."""
    text: str
    encoded: PromptEncoding
    inspection: Inspection | None
    weights_version: int
    step: int
