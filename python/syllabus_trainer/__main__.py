"""python -m syllabus_trainer train RUN_DIR | evaluate RUN_DIR [--base] | score FOLDER | version"""
from __future__ import annotations

import argparse
import sys

from . import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syllabus_trainer",
                                     description="Syllabus trainer: ordered LoRA/QLoRA fine-tuning, evaluation, scoring.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="train RUN_DIR in the order of its train.jsonl, then evaluate (resumes from a checkpoint)")
    p.add_argument("run_dir")
    p = sub.add_parser("evaluate", help="evaluate RUN_DIR's adapter on its eval sets again")
    p.add_argument("run_dir")
    p.add_argument("--base", action="store_true", help="evaluate the untrained base model (no adapter)")
    p = sub.add_parser("score", help="zero-shot letter probabilities for FOLDER/score.json")
    p.add_argument("folder")
    sub.add_parser("version", help="print the trainer version")
    args = parser.parse_args(argv)
    if args.command == "version":
        print(__version__)
        return 0
    if args.command == "train":
        from .runner import train_command

        return train_command(args.run_dir)
    if args.command == "evaluate":
        from .runner import evaluate_command

        return evaluate_command(args.run_dir, base=args.base)
    from .score import score_command

    return score_command(args.folder)


if __name__ == "__main__":
    sys.exit(main())
