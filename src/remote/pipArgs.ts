/**
 * Extra pip options for `setup` (e.g. a CPU-only torch: `--extra-index-url https://download.pytorch.org/whl/cpu`,
 * or an offline wheelhouse: `--no-index --find-links DIR`), from $SYLLABUS_PIP_ARGS (split like a shell would
 * split plain words: on whitespace, with '…' and "…" quoting) plus `--pip-arg` flags or the editor setting.
 * They are appended to every `pip install` setup runs; the default (none) installs from PyPI.
 */
export function splitPipArgs(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

export function pipArgsFrom(env: NodeJS.ProcessEnv, extra: readonly string[] = []): string[] {
  return [...splitPipArgs(env.SYLLABUS_PIP_ARGS), ...extra];
}

/** What setup downloads, said before it starts (torch from PyPI brings its CUDA libraries). */
export const SETUP_SIZE_NOTE =
  "setup installs torch, transformers and peft from PyPI: torch from PyPI includes its CUDA libraries, several GB " +
  "(about 6 GB installed). On a machine without a GPU a CPU-only torch is ~1 GB: set SYLLABUS_PIP_ARGS=" +
  '"--extra-index-url https://download.pytorch.org/whl/cpu" (or pass --pip-arg; in VS Code the syllabus.setup.pipArgs setting).';
