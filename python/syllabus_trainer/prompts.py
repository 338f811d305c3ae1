"""The study's two prompts (Yang et al. 2024, App. B fine-tuning template; the published measure_difficulty/baseline_script.py difficulty-scoring prompt) and a plain variant of the first,
split into head / question text / tail so that a long question can be cut INSIDE its text while the
options and the answer cue survive.

Both prompts end at the cue without a trailing space ("### Answer:", "Answer:"); the answer is the
continuation " X" (space + letter). Training appends exactly that continuation and evaluation/scoring
score exactly that continuation, so the letter tokens are the same in all three (the published code
scored bare letters after a trailing space, the published scoring script).
"""
from __future__ import annotations

from dataclasses import dataclass

from .bundle import Question

TRAIN_INSTRUCTION = ("Answer the following multiple choice question by giving the most appropriate response. "
                     "Answer should be one among [{letters}].")
SCORE_INSTRUCTION = ("Answer the following multiple choice question by giving the most appropriate response. "
                     "The answer should be one of [{letters}].")


@dataclass(frozen=True)
class PromptParts:
    head: str
    question: str
    tail: str

    def render(self, question: str | None = None) -> str:
        return self.head + (self.question if question is None else question) + self.tail


def continuation(letter: str) -> str:
    """What follows the cue: exactly what training appends and evaluation scores."""
    return " " + letter


def _option_lines(q: Question) -> str:
    """One `X) option` line per option, in letter order: the study's layout, shared by its plain variant."""
    return "\n".join(f"{l}) {q.options[l]}" for l in q.letters)


def train_prompt(q: Question) -> PromptParts:
    """Yang et al. 2024, App. B: blank line, `Question: …`, one option per line, blank line, `### Answer:`.
    The letter list comes from the question's own options ([A, B, C, D] for 4-option questions)."""
    letters = q.letters
    head = TRAIN_INSTRUCTION.format(letters=", ".join(letters)) + "\n\nQuestion: "
    tail = "\n" + _option_lines(q) + "\n\n### Answer:"
    return PromptParts(head, q.question, tail)


def plain_prompt(q: Question) -> PromptParts:
    """The study's template without its instruction line: `Question: …`, one option per line, `Answer:`.
    About half the tokens of `train_prompt` for short questions, so a small model on a CPU trains twice as
    fast (the demo); a researcher comparing against the study keeps `study`."""
    return PromptParts("Question: ", q.question, "\n" + _option_lines(q) + "\nAnswer:")


def prompt_for(style: str):
    """run.json's model.prompt → the function that renders a question for training and evaluation."""
    return {"study": train_prompt, "plain": plain_prompt}[style]


def score_prompt(q: Question) -> PromptParts:
    """the published scoring script, measure_difficulty/baseline_script.py (the LEK-era rendering `[A, B, C, D, E]`): one line, options inline, `Answer:`."""
    letters = q.letters
    head = SCORE_INSTRUCTION.format(letters=", ".join(letters)) + " Question: "
    tail = " " + " ".join(f"{l}) {q.options[l]}" for l in letters) + " Answer:"
    return PromptParts(head, q.question, tail)
