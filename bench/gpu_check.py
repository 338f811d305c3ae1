"""Driver of bench/gpu-check.sh (see there): the GPU path's first-run check, step by step, each step
printing PASS / FAIL / INFO and the figures, all of them also written to bench/results/gpu-check[-cpu].json.

Tolerances (stated, and asserted):
- resume, deterministic mode (SYLLABUS_DETERMINISTIC=1): the adapter after preempt + resume equals an
  uninterrupted run's bit for bit (max |Δw| = 0).
- resume, default mode: fused attention's backward is not deterministic on CUDA, so the two runs agree to
  float noise: max |Δw| ≤ 1e-2 · max |w| (reported; bit equality is not expected).
- `evaluate` vs training's own evaluation: the same precision on both paths now, so log-probs agree to
  1e-3 and the predicted letters are the same wherever the top two letters are more than 1e-3 apart.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEDQA = ROOT / "data" / "medqa" / "us_test_5options.jsonl"
LOGPROB_TOL = 1e-3
DEFAULT_MODE_REL_TOL = 1e-2

results: dict = {"steps": {}}
failures: list[str] = []


def report(step: str, ok: bool | None, message: str, **figures) -> None:
    word = {True: "PASS", False: "FAIL", None: "INFO"}[ok]
    print(f"[{word}] {step}: {message}", flush=True)
    results["steps"][step] = {"ok": ok, "message": message, **figures}
    if ok is False:
        failures.append(step)


def medqa(n: int, start: int = 0) -> list[dict]:
    rows = []
    with open(MEDQA, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < start:
                continue
            if len(rows) == n:
                break
            d = json.loads(line)
            rows.append({"id": f"medqa-{i}", "question": d["question"], "options": d["options"], "answer": d["answer_idx"]})
    return rows


def bundle(folder: Path, run_id: str = "gpu-check") -> Path:
    """tiny-random-llama with the study's QLoRA settings: nf4, paged 8-bit AdamW, LoRA dropout on (RNG matters)."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "eval").mkdir(parents=True)
    (folder / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in medqa(24)))
    (folder / "eval" / "medqa.jsonl").write_text("".join(json.dumps(r) + "\n" for r in medqa(16, 500)))
    (folder / "run.json").write_text(json.dumps({
        "schemaVersion": 1, "runId": run_id, "seed": 7, "checkpointEvery": 1, "logEvery": 1,
        "model": {"hf": "tiny-random-llama", "quantize": "nf4", "maxLength": 384, "lora": {"r": 8, "alpha": 16, "dropout": 0.1}},
        "optim": {"lr": 5e-3, "batch": 2, "accumulate": 2, "schedule": "linear", "warmup": 0.1, "weightDecay": 0.01,
                  "gradClip": 1.0, "epochs": 1, "optimizer": "paged_adamw_8bit"},
        "eval": [{"name": "medqa", "file": "eval/medqa.jsonl"}]}, indent=2))
    return folder


def env(**extra) -> dict:
    e = {**os.environ, "PYTHONPATH": str(ROOT / "python"), "PYTHONUNBUFFERED": "1", **extra}
    return {k: v for k, v in e.items() if v is not None}


def trainer(*args, extra_env: dict | None = None, timeout: float = 600) -> int:
    return subprocess.call([sys.executable, "-m", "syllabus_trainer", *map(str, args)], env=env(**(extra_env or {})),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]


def check_environment(gpu: bool) -> None:
    import torch

    from syllabus_trainer import deps

    versions = {name: deps.installed_version(name) for name in ("torch", "transformers", "peft", "accelerate", "bitsandbytes")}
    figures = {"versions": versions, "torchCuda": torch.version.cuda, "cudaAvailable": torch.cuda.is_available()}
    if torch.cuda.is_available():
        figures.update(device=torch.cuda.get_device_name(0), capability=list(torch.cuda.get_device_capability(0)),
                       bf16=torch.cuda.is_bf16_supported(), visible=os.environ.get("CUDA_VISIBLE_DEVICES"),
                       memoryGiB=round(torch.cuda.get_device_properties(0).total_memory / 2**30, 1))
    if shutil.which("nvidia-smi"):
        smi = subprocess.run(["nvidia-smi", "--query-gpu=driver_version,name,memory.total", "--format=csv,noheader"],
                             capture_output=True, text=True)
        figures["nvidiaSmi"] = smi.stdout.strip()
    print(json.dumps(figures, indent=2))
    if not gpu:
        report("environment", None, "CPU smoke mode: CUDA checks skipped", **figures)
        return
    problems = []
    if not torch.cuda.is_available():
        problems.append(f"torch {torch.__version__} (CUDA {torch.version.cuda}) sees no GPU")
    bnb = versions["bitsandbytes"]
    if bnb is None or deps.parse_version(bnb) < deps.parse_version(deps.BITSANDBYTES_MIN):
        problems.append(f"bitsandbytes>={deps.BITSANDBYTES_MIN} needed, found {bnb}")
    if torch.cuda.is_available() and not torch.cuda.is_bf16_supported():
        problems.append("no bf16 on this GPU: the trainer falls back to fp16 (INFO, not the study's precision)")
    report("environment", not [p for p in problems if "INFO" not in p], "; ".join(problems) or "CUDA, bf16, bitsandbytes ok", **figures)


def check_train(work: Path, gpu: bool) -> Path:
    run = bundle(work / "nf4")
    t0 = time.perf_counter()
    rc = trainer("train", run)
    seconds = time.perf_counter() - t0
    if rc != 0:
        report("train nf4 + paged AdamW 8-bit", False, f"exit {rc}; see {run / 'log.txt'}")
        print((run / "log.txt").read_text()[-3000:] if (run / "log.txt").exists() else "(no log)")
        return run
    result = json.loads((run / "result.json").read_text())
    log = (run / "log.txt").read_text()
    figures = {k: result.get(k) for k in ("device", "precisionNote", "evalPrecision", "peakMemoryBytes", "tokensPerSecond", "accuracy")}
    figures["wallSeconds"] = round(seconds, 1)
    if gpu:
        paged = re.search(r"accumulate \d+\), paged_adamw_8bit,", log) is not None  # the optimizer used, not a note
        ok = ("nf4" in result["precisionNote"] and result["device"] != "cpu" and paged
              and "bitsandbytes" in result["versions"])
        msg = "QLoRA on CUDA with paged 8-bit AdamW" if ok else "did not run as QLoRA on CUDA (see figures and log.txt)"
    else:
        ok = result["device"] == "cpu" and "adamw" in log
        msg = "CPU fallback as documented (float32 LoRA, torch AdamW)"
    report("train nf4 + paged AdamW 8-bit", ok, msg, **figures)
    return run


def check_evaluate(run: Path) -> None:
    if not (run / "result.json").exists():
        report("evaluate vs training-time evaluation", False, "no trained run to evaluate")
        return
    before = {p["id"]: p for p in read_jsonl(run / "predictions" / "medqa.jsonl")}
    acc_before = json.loads((run / "result.json").read_text())["accuracy"]
    rc = trainer("evaluate", run)
    if rc != 0:
        report("evaluate vs training-time evaluation", False, f"evaluate exit {rc}")
        return
    after = read_jsonl(run / "predictions" / "medqa.jsonl")
    worst, flips = 0.0, []
    for p in after:
        b = before[p["id"]]
        worst = max(worst, max(abs(v - b["logprobs"][l]) for l, v in p["logprobs"].items()))
        if p["predicted"] != b["predicted"]:
            top = sorted(b["logprobs"].values(), reverse=True)
            if top[0] - top[1] > LOGPROB_TOL:
                flips.append(p["id"])
    acc_after = json.loads((run / "result.json").read_text())["accuracy"]
    ok = worst <= LOGPROB_TOL and not flips
    report("evaluate vs training-time evaluation", ok,
           f"max |Δ log-prob| {worst:.2e} (tolerance {LOGPROB_TOL}); {len(flips)} prediction(s) changed outside near-ties",
           maxLogprobDiff=worst, flips=flips, accuracyTraining=acc_before, accuracyEvaluate=acc_after)


def adapter_diff(a: Path, b: Path) -> tuple[float, float]:
    import torch

    sa = torch.load(a / "checkpoint" / "state.pt", map_location="cpu", weights_only=False)["adapter"]
    sb = torch.load(b / "checkpoint" / "state.pt", map_location="cpu", weights_only=False)["adapter"]
    assert sa.keys() == sb.keys()
    diff = max(float((sa[k].float() - sb[k].float()).abs().max()) for k in sa)
    scale = max(float(sa[k].float().abs().max()) for k in sa)
    return diff, scale


def preempt_and_resume(work: Path, name: str, extra_env: dict) -> tuple[Path, int | None, str]:
    run = bundle(work / f"{name}-preempted")
    proc = subprocess.Popen([sys.executable, "-m", "syllabus_trainer", "train", str(run)],
                            env=env(SYLLABUS_TEST_STEP_DELAY="0.3", **extra_env),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    meta = run / "checkpoint" / "meta.json"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if json.loads(meta.read_text())["step"] >= 2:
                break
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    if proc.poll() is not None:
        return run, None, f"the trainer exited ({proc.returncode}) before it could be preempted"
    proc.send_signal(signal.SIGUSR1)
    rc = proc.wait(timeout=300)
    status = json.loads((run / "status.json").read_text())
    if rc != 75 or status["state"] != "queued" or not status.get("resumable"):
        return run, rc, f"SIGUSR1 gave exit {rc}, state {status['state']}, resumable {status.get('resumable')} (want 75, queued, true)"
    stopped_at = json.loads(meta.read_text())["step"]
    rc = trainer("train", run, extra_env=extra_env)
    if rc != 0:
        return run, rc, f"resume exit {rc}"
    return run, stopped_at, ""


def check_resume(work: Path, gpu: bool) -> None:
    modes = [("deterministic", {"SYLLABUS_DETERMINISTIC": "1"}, 0.0)]
    if gpu:  # on CPU both modes are the same computation
        modes.append(("default", {"SYLLABUS_DETERMINISTIC": None}, DEFAULT_MODE_REL_TOL))
    for name, extra, rel_tol in modes:
        step = f"preempt (SIGUSR1 → 75) and resume, {name} mode"
        run, stopped_at, problem = preempt_and_resume(work, name, extra)
        if problem:
            report(step, False, problem)
            continue
        clean = bundle(work / f"{name}-clean")
        rc = trainer("train", clean, extra_env=extra)
        if rc != 0:
            report(step, False, f"uninterrupted run exit {rc}")
            continue
        diff, scale = adapter_diff(run, clean)
        same_ids = (run / "consumed.txt").read_text() == (clean / "consumed.txt").read_text()
        ok = same_ids and diff <= rel_tol * scale
        report(step, ok, f"stopped after step {stopped_at}, resumed; max |Δw| {diff:.3e} vs max |w| {scale:.3e} "
                         f"(tolerance {'exact' if rel_tol == 0 else f'{rel_tol:g} × max |w|'}); same ids consumed: {same_ids}",
               stoppedAtStep=stopped_at, maxWeightDiff=diff, maxWeight=scale, tolerance=rel_tol)


def check_bench(gpu: bool, layers: int, steps: int) -> None:
    cmd = [str(ROOT / "bench" / "gpu.sh"), "--steps", str(steps)] + (["--layers", str(layers)] if gpu else [])
    e = env(PYTHON=sys.executable, **({} if gpu else {"SYLLABUS_BENCH_TINY": "1"}))
    rc = subprocess.call(cmd, env=e, timeout=900)
    if rc != 0:
        report("bench/gpu.sh", False, f"exit {rc}")
        return
    out = json.loads((ROOT / "bench" / "results" / ("gpu.json" if gpu else "gpu-tiny.json")).read_text())
    ours, hf = out["syllabus"], out.get("hfTrainer")
    if not hf:
        report("bench/gpu.sh", None, "HF Trainer skipped (accelerate missing)", syllabus=ours)
        return
    speed = ours["tokensPerSecond"] / hf["tokensPerSecond"]
    memory = ours["peakMemoryBytes"] / hf["peakMemoryBytes"]
    fair = ours["tokens"] == hf["tokens"]
    goal = speed >= 1.0 and memory <= 1.0
    report("bench/gpu.sh", fair, f"speed ratio {speed:.2f}×, memory ratio {memory:.2f}× "
                                 f"({'goal met' if goal else 'goal (≥ 1.0× speed at ≤ 1.0× memory) NOT met'}); "
                                 f"same tokens both sides: {fair}", speedRatio=speed, memoryRatio=memory, goalMet=goal,
           syllabus=ours, hfTrainer=hf)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--cpu", action="store_true", help="CPU smoke mode: every step on CPU with the tiny model")
    p.add_argument("--layers", type=int, default=4, help="decoder layers of the 7B-shape benchmark model")
    p.add_argument("--bench-steps", type=int, default=20)
    p.add_argument("--skip", action="append", default=[], choices=("train", "resume", "bench"))
    p.add_argument("--work", help="working folder (default: a fresh temporary one, removed at the end)")
    args = p.parse_args()
    gpu = not args.cpu
    if args.cpu:
        os.environ["SYLLABUS_DEVICE"] = "cpu"
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="syllabus-gpu-check-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    sys.path.insert(0, str(ROOT / "python"))
    print(f"== environment ({'GPU' if gpu else 'CPU smoke'} mode)")
    check_environment(gpu)
    if "train" not in args.skip:
        print("== tiny nf4 train + evaluate with paged 8-bit AdamW")
        run = check_train(work, gpu)
        print("== evaluate vs training-time evaluation")
        check_evaluate(run)
    if "resume" not in args.skip:
        print("== preempt and resume vs an uninterrupted run")
        check_resume(work, gpu)
    if "bench" not in args.skip:
        print(f"== bench/gpu.sh ({f'{args.layers} layers, {args.bench_steps} steps' if gpu else 'tiny'})")
        check_bench(gpu, args.layers, args.bench_steps if gpu else 2)
    results.update(mode="gpu" if gpu else "cpu", seconds=round(time.perf_counter() - t0, 1), failures=failures)
    out = ROOT / "bench" / "results" / ("gpu-check.json" if gpu else "gpu-check-cpu.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    print(f"== {'all checks passed' if not failures else 'FAILED: ' + ', '.join(failures)} in {results['seconds']}s → {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
