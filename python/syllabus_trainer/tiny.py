"""`tiny-random-llama`: a randomly initialised Llama and a tokenizer built offline, for tests, the demo
and benchmarks. Nothing is downloaded.

Tokenizers are trained at run time with the `tokenizers` library on a fixed built-in corpus (the
prompt templates plus generic clinical words), so they are deterministic and identical on every host:
  tiny-random-llama       byte-level BPE (GPT-2/Llama-3 style; never an unknown character)
  tiny-random-llama-sp    SentencePiece-style BPE with the "▁" metaspace (Llama-2/Mistral style)
  tiny-random-llama-char  SentencePiece-style without merges (the answer " X" is two tokens: "▁", "X")
The model's base weights come from a fixed seed (0), independent of the run's seed: the run seed
changes the LoRA initialisation and dropout, never the "pretrained" model.
"""
from __future__ import annotations

import string
from pathlib import Path

TINY_NAMES = ("tiny-random-llama", "tiny-random-llama-sp", "tiny-random-llama-char")

_WORDS = (
    "patient presents with fever cough pain chest abdominal acute chronic history examination blood pressure "
    "heart rate diagnosis treatment most likely following which management next step year old man woman child "
    "infection drug dose therapy renal hepatic cardiac pulmonary neurological laboratory findings shows reveals "
    "normal elevated decreased the a an of in on with and or is are was were to for by at from this that after "
    "before during increased risk mechanism action cause associated disease syndrome test result"
).split()


def _corpus() -> list[str]:
    lines = []
    for n in (2, 3, 4, 5):
        letters = ", ".join("ABCDE"[:n])
        lines.append("Answer the following multiple choice question by giving the most appropriate response. "
                     f"Answer should be one among [{letters}].")
        lines.append("Answer the following multiple choice question by giving the most appropriate response. "
                     f"The answer should be one of [{letters}].")
    for i in range(200):
        w = [_WORDS[(i * 7 + k * 13) % len(_WORDS)] for k in range(12)]
        letter = "ABCDE"[i % 5]
        lines.append(f"Question: A {20 + i % 60}-year-old {' '.join(w)}?")
        lines.append(" ".join(f"{l}) {_WORDS[(i + j * 3) % len(_WORDS)]}" for j, l in enumerate("ABCDE")))
        lines.append(f"### Answer: {letter}")
        lines.append(f"Answer: {letter}")
    return lines


def build_tokenizer(kind: str = "bpe"):
    """kind: 'bpe' (byte-level), 'sp' (metaspace BPE), 'char' (metaspace, no merges)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["<unk>", "<s>", "</s>", "<pad>"]
    if kind == "bpe":
        tok = Tokenizer(models.BPE(unk_token=None))
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        alphabet = pre_tokenizers.ByteLevel.alphabet()
        vocab_size = 600
    elif kind in ("sp", "char"):
        tok = Tokenizer(models.BPE(unk_token="<unk>"))
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first")
        tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="first")
        alphabet = sorted(set(string.printable) - set(string.whitespace)) + ["▁", "…", "\n"]
        vocab_size = 600 if kind == "sp" else len(alphabet) + len(specials)
    else:
        raise ValueError(f"unknown tiny tokenizer kind {kind!r}")
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials, initial_alphabet=alphabet,
                                  show_progress=False, min_frequency=2)
    tok.train_from_iterator(_corpus(), trainer)
    bos = tok.token_to_id("<s>")
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", bos)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", bos_token="<s>", eos_token="</s>",
                                   pad_token="<pad>", padding_side="left")


def tiny_config(tokenizer, hidden: int = 48, layers: int = 2, heads: int = 4, kv_heads: int = 2):
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=hidden * 2, num_hidden_layers=layers,
        num_attention_heads=heads, num_key_value_heads=kv_heads, max_position_embeddings=4096,
        initializer_range=0.2, tie_word_embeddings=False, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )


def build_tiny(name: str = "tiny-random-llama", **config_overrides):
    """(model in float32 on CPU, tokenizer). Deterministic: same weights on every call and host."""
    import torch
    from transformers import LlamaForCausalLM

    kind = {"tiny-random-llama": "bpe", "tiny-random-llama-sp": "sp", "tiny-random-llama-char": "char"}[name]
    tokenizer = build_tokenizer(kind)
    config = tiny_config(tokenizer, **config_overrides)
    devices = [torch.cuda.current_device()] if torch.cuda.is_available() else []
    with torch.random.fork_rng(devices=devices):
        torch.manual_seed(0)
        model = LlamaForCausalLM(config)
    return model.float().eval(), tokenizer


def save_tiny(name: str, folder: Path) -> Path:
    """Write the tiny model + tokenizer as a normal HF folder (so QLoRA can load it through from_pretrained)."""
    model, tokenizer = build_tiny(name)
    folder = Path(folder)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
