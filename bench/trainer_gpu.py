"""Driver of bench/gpu.sh (see there). Each contender runs in its own process so peak memory and
CUDA caches are its own; both consume the same encoded examples in the same order, with the same
LoRA (r16, α64, dropout 0.1, all 7 projections), optimizer (paged AdamW 8-bit on CUDA), batch and
accumulation (Llama-2-7B row of the study: 4 × 2), max length 512, bf16 compute.

Differences that are the point of the comparison: ours computes logits only at the answer tokens
(left padding + logits_to_keep) and steps the last partial accumulation group; HF Trainer computes
full-sequence logits and masks them with labels.

Fairness: one visible GPU (gpu.sh pins it; the HF child refuses n_gpu ≠ 1); tokens/s = real input tokens
of the micro-batches each side consumed ÷ the span from the first optimizer step's start to the last
step's end (ours: the trainer's own `tokens` and summed step times; HF: counted per consumed batch and
timed by a callback, CUDA-synchronised at both ends).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("patient presents with fever cough chest pain shortness breath history hypertension diabetes smoker "
         "examination shows blood pressure heart rate temperature laboratory studies reveal elevated serum "
         "creatinine which following most likely diagnosis next best step management mechanism action drug").split()


def synthetic_questions(n: int, words_per_question: int) -> list[dict]:
    """MedQA-like lengths (≈ 120-word vignettes, 5 options), deterministic."""
    rows = []
    for i in range(n):
        q = " ".join(WORDS[(i * 7 + k * 11) % len(WORDS)] for k in range(words_per_question))
        rows.append({"id": f"b{i}", "question": f"A {30 + i % 50}-year-old {q}?",
                     "options": {l: " ".join(WORDS[(i + j * 5 + m) % len(WORDS)] for m in range(4)) for j, l in enumerate("ABCDE")},
                     "answer": "ABCDE"[i % 5]})
    return rows


def build_model_folder(folder: Path, tiny: bool, layers: int = 32) -> Path:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from syllabus_trainer.tiny import build_tokenizer, save_tiny

    if (folder / "config.json").exists():
        return folder
    if tiny:
        return save_tiny("tiny-random-llama", folder)
    tok = build_tokenizer("bpe")
    config = LlamaConfig(  # Llama-2-7B: hidden 4096, 32 layers × 32 heads, MLP 11008, vocab 32000
        vocab_size=32000, hidden_size=4096, intermediate_size=11008, num_hidden_layers=layers, num_attention_heads=32,
        num_key_value_heads=32, max_position_embeddings=4096, rms_norm_eps=1e-5, bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id, tie_word_embeddings=False)
    torch.manual_seed(0)
    torch.set_default_dtype(torch.bfloat16)
    with torch.device("cuda" if torch.cuda.is_available() else "cpu"):
        model = LlamaForCausalLM(config)
    torch.set_default_dtype(torch.float32)
    tmp = folder.with_name(folder.name + ".tmp")
    model.save_pretrained(tmp, max_shard_size="2GB")
    tok.save_pretrained(tmp)
    os.replace(tmp, folder)
    del model
    return folder


def run_ours(args, model_dir: Path, work: Path, rows: list[dict]) -> dict:
    run = work / "syllabus-run"
    import shutil

    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    (run / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (run / "run.json").write_text(json.dumps({
        "schemaVersion": 1, "runId": "bench", "checkpointEvery": 0, "seed": 42, "eval": [],
        "model": {"hf": str(model_dir), "quantize": args.quantize, "maxLength": args.max_length,
                  "lora": {"r": 16, "alpha": 64, "dropout": 0.1}},
        "optim": {"lr": 5e-5, "batch": args.batch, "accumulate": args.accumulate, "schedule": "linear", "warmup": 0,
                  "weightDecay": 0, "gradClip": 1.0, "epochs": 1, "optimizer": args.optimizer},
        "logEvery": 10}))
    t0 = time.perf_counter()
    if args.in_process:
        from syllabus_trainer.runner import train_command

        rc = train_command(run)
    else:
        rc = subprocess.call([sys.executable, "-m", "syllabus_trainer", "train", str(run)], env=os.environ.copy())
    wall = time.perf_counter() - t0
    if rc != 0:
        raise SystemExit(f"syllabus trainer failed (exit {rc}); see {run / 'log.txt'}")
    result = json.loads((run / "result.json").read_text())
    return {"tokensPerSecond": result["tokensPerSecond"], "peakMemoryBytes": result["peakMemoryBytes"],
            "steps": result["optimizerSteps"], "trainSeconds": result["trainSeconds"], "wallSeconds": wall,
            "tokens": round(result["tokensPerSecond"] * result["trainSeconds"]),
            "device": result["device"], "precision": result["precisionNote"]}


def hf_child(args) -> None:
    """Runs in its own process: HF Trainer on the same examples, sequential sampler, same LoRA/optimizer."""
    import torch
    from torch.utils.data import Dataset, SequentialSampler
    from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainerCallback, TrainingArguments

    from syllabus_trainer.bundle import Question
    from syllabus_trainer.encode import encode, special_prefix
    from syllabus_trainer.modeling import add_lora, ensure_pad
    from syllabus_trainer.prompts import train_prompt
    from syllabus_trainer.train import example_labels, seed_everything

    cuda = torch.cuda.is_available() and os.environ.get("SYLLABUS_DEVICE") != "cpu"
    rows = [json.loads(l) for l in Path(args.rows).read_text().splitlines()]
    tok = AutoTokenizer.from_pretrained(args.model_dir)
    ensure_pad(tok)
    kwargs = {}
    if cuda:
        from syllabus_trainer.modeling import _dtype_kwarg

        kwargs = {_dtype_kwarg(): torch.bfloat16, "device_map": {"": 0}}
        if args.quantize == "nf4":
            from transformers import BitsAndBytesConfig

            kwargs["quantization_config"] = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                                                bnb_4bit_use_double_quant=True,
                                                                bnb_4bit_compute_dtype=torch.bfloat16)
    seed_everything(42)
    model = AutoModelForCausalLM.from_pretrained(args.model_dir, **kwargs)
    if cuda and args.quantize == "nf4":
        from peft import prepare_model_for_kbit_training

        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=True,
                                                gradient_checkpointing_kwargs={"use_reentrant": False})
    seed_everything(42)
    model = add_lora(model, 16, 64, 0.1, ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"))
    prefix = special_prefix(tok)
    examples = []
    for r in rows:
        q = Question(r["id"], r["question"], r["options"], r["answer"])
        ids, labels = example_labels(encode(tok, q, train_prompt(q), [q.answer], args.max_length, prefix), q.answer)
        examples.append({"input_ids": ids, "labels": labels})

    class Rows(Dataset):
        def __len__(self):
            return len(examples)

        def __getitem__(self, i):
            return examples[i]

    collated_tokens: list[int] = []  # real tokens of each collated micro-batch, in the order they are made

    def collate(batch):
        collated_tokens.append(sum(len(b["input_ids"]) for b in batch))
        width = max(len(b["input_ids"]) for b in batch)
        ids = torch.full((len(batch), width), tok.pad_token_id)
        labels = torch.full((len(batch), width), -100)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for i, b in enumerate(batch):  # right padding, as the study's collator
            n = len(b["input_ids"])
            ids[i, :n] = torch.tensor(b["input_ids"])
            labels[i, :n] = torch.tensor(b["labels"])
            mask[i, :n] = 1
        return {"input_ids": ids, "labels": labels, "attention_mask": mask}

    consumed = {"batches": 0, "tokens": 0}

    class SequentialTrainer(Trainer):  # the study's order-preserving override (Yang et al. 2024, App. B)
        def _get_train_sampler(self, *a, **k):
            return SequentialSampler(self.train_dataset)

        def compute_loss(self, model, inputs, *a, **k):
            # the k-th loss consumes the k-th collated batch (a prefetching loader collates ahead, in order)
            consumed["tokens"] += collated_tokens[consumed["batches"]]
            consumed["batches"] += 1
            return super().compute_loss(model, inputs, *a, **k)

    span = {"start": None, "end": None}

    def now():
        if cuda:
            torch.cuda.synchronize()
        return time.perf_counter()

    class StepSpan(TrainerCallback):  # first step's start → last step's end, as ours sums its step times
        def on_step_begin(self, *a, **k):
            if span["start"] is None:
                span["start"] = now()

        def on_step_end(self, *a, **k):
            span["end"] = now()

    targs = TrainingArguments(
        output_dir=str(Path(args.rows).parent / "hf-out"), per_device_train_batch_size=args.batch,
        gradient_accumulation_steps=args.accumulate, learning_rate=5e-5, lr_scheduler_type="linear", warmup_steps=0,
        weight_decay=0.0, max_grad_norm=1.0, num_train_epochs=1, max_steps=args.steps, bf16=cuda,
        optim=("paged_adamw_8bit" if args.optimizer == "paged_adamw_8bit" else "adamw_torch") if cuda else "adamw_torch",
        logging_steps=10, save_strategy="no", report_to=[], dataloader_num_workers=0, remove_unused_columns=False,
        use_cpu=not cuda, seed=42)
    trainer = SequentialTrainer(model=model, args=targs, train_dataset=Rows(), data_collator=collate,
                                callbacks=[StepSpan()])
    if targs.n_gpu != 1 and cuda:
        raise SystemExit(f"HF Trainer sees {targs.n_gpu} GPUs: run through bench/gpu.sh, which pins one")
    if cuda:
        torch.cuda.reset_peak_memory_stats()
    out = trainer.train()
    seconds = span["end"] - span["start"]
    tokens = consumed["tokens"]
    if cuda:
        peak = torch.cuda.max_memory_allocated()
    else:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    Path(args.out).write_text(json.dumps({"tokensPerSecond": tokens / seconds, "peakMemoryBytes": int(peak),
                                          "steps": out.global_step, "trainSeconds": seconds, "tokens": tokens,
                                          "microBatches": consumed["batches"]}))


def run_hf(args, model_dir: Path, work: Path, rows: list[dict]) -> dict | None:
    try:
        import accelerate  # noqa: F401  (HF Trainer needs it)
    except ImportError:
        print("HF Trainer skipped: `accelerate` is not installed (pip install accelerate)")
        return None
    rows_file = work / "rows.jsonl"
    rows_file.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = work / "hf.json"
    cmd = [sys.executable, __file__, "--hf-child", "--rows", str(rows_file), "--model-dir", str(model_dir), "--out", str(out),
           "--steps", str(args.steps), "--batch", str(args.batch), "--accumulate", str(args.accumulate),
           "--max-length", str(args.max_length), "--quantize", args.quantize, "--optimizer", args.optimizer]
    if args.in_process:
        hf_child(argparse.Namespace(**{**vars(args), "rows": str(rows_file), "model_dir": str(model_dir), "out": str(out)}))
    elif subprocess.call(cmd) != 0:
        print("HF Trainer run failed (see above)")
        return None
    return json.loads(out.read_text())


def main() -> None:
    tiny = os.environ.get("SYLLABUS_BENCH_TINY") == "1"
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=4 if tiny else 100)
    p.add_argument("--batch", type=int, default=2 if tiny else 4)
    p.add_argument("--accumulate", type=int, default=2)
    p.add_argument("--max-length", type=int, default=256 if tiny else 512)
    p.add_argument("--quantize", choices=("nf4", "none"), default="nf4")
    p.add_argument("--optimizer", choices=("adamw", "paged_adamw_8bit"), default="paged_adamw_8bit")
    p.add_argument("--words", type=int, default=40 if tiny else 120)
    p.add_argument("--layers", type=int, default=32, help="decoder layers of the 7B shape (fewer for a small GPU)")
    p.add_argument("--hf-child", action="store_true")
    # one process for everything: quick, but peak memory is then shared (the tiny smoke path's default)
    p.add_argument("--in-process", action=argparse.BooleanOptionalAction, default=tiny)
    p.add_argument("--rows")
    p.add_argument("--model-dir")
    p.add_argument("--out")
    args = p.parse_args()
    if args.hf_child:
        hf_child(args)
        return

    import torch

    if not tiny and not torch.cuda.is_available():
        raise SystemExit("bench/gpu.sh needs a CUDA GPU (or SYLLABUS_BENCH_TINY=1 for the CPU smoke path)")
    if tiny:
        os.environ["SYLLABUS_DEVICE"] = "cpu"
    work = Path(os.environ.get("SYLLABUS_BENCH_DIR", "/tmp/syllabus-bench")) / ("tiny" if tiny else "7b")
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    model_dir = build_model_folder(work / ("model" if tiny or args.layers == 32 else f"model-{args.layers}l"), tiny, args.layers)
    build_s = time.perf_counter() - t0
    n = args.steps * args.batch * args.accumulate
    rows = synthetic_questions(n, args.words)
    shape = ("tiny random Llama (hidden 48, 2 layers)" if tiny
             else f"random Llama-2-7B shape (hidden 4096, {args.layers} layers, MLP 11008, vocab 32000)")
    device = "cpu" if tiny else f"{torch.cuda.get_device_name(0)} (CUDA_VISIBLE_DEVICES={os.environ.get('CUDA_VISIBLE_DEVICES')})"
    print(f"== trainer benchmark on {device}: {shape}, quantize={args.quantize}, {args.steps} steps of "
          f"{args.batch}×{args.accumulate} questions, maxLength {args.max_length} (model folder ready in {build_s:.0f}s)")
    ours = run_ours(args, model_dir, work, rows)
    hf = run_hf(args, model_dir, work, rows)

    def line(name, r):
        return (f"{name:<28} {r['tokensPerSecond']:>10.1f} tokens/s   peak {r['peakMemoryBytes'] / 2**30:6.2f} GiB   "
                f"{r['steps']} steps in {r['trainSeconds']:.1f}s   {r['tokens']} tokens")

    print(line("syllabus trainer", ours))
    if hf:
        print(line("HF Trainer (sequential)", hf))
        print(f"speed ratio syllabus/HF: {ours['tokensPerSecond'] / hf['tokensPerSecond']:.2f}×   "
              f"memory ratio: {ours['peakMemoryBytes'] / hf['peakMemoryBytes']:.2f}×")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / ("gpu-tiny.json" if tiny else "gpu.json")).write_text(json.dumps(
        {"device": device, "shape": shape, "args": vars(args), "syllabus": ours, "hfTrainer": hf}, indent=2) + "\n")


if __name__ == "__main__":
    main()
