"""Syllabus trainer: trains a LoRA/QLoRA adapter on a run bundle's questions in the given order,
evaluates it by restricted option log-likelihood, and scores zero-shot letter probabilities.

The bundle contract is src/core/runs/bundle.ts (zod) on the TypeScript side and bundle.py here;
README.md beside this file describes it in prose.
"""

# Part of every run id: bump it whenever a change can alter a trained result.
# src/core/runs/bundle.ts TRAINER_VERSION duplicates it (a test checks they agree).
__version__ = "0.1.0"
