/**
 * A stand-in for `python -m syllabus_trainer train DIR` that COUNTS its starts: each start appends
 * "<run-id> <pid>" to a shared file (O_APPEND, one short line: atomic), writes a training status, waits
 * a moment, then writes a valid result.json and a succeeded status.json, as the real trainer does. Each
 * line also says whether the launch was recorded before the start: on the host (launch.json) and, when
 * SYLLABUS_STANDIN_STORE names the local store's runs folder, there. Tests
 * of "never started twice" count lines; the real trainer is too slow to race many clients many times.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface StandIn {
  /** The executable to give as the host's `python`. */
  python: string;
  /** The file every start appends to. */
  starts: string;
}

export function writeStandInTrainer(dir: string, seconds = 1): StandIn {
  mkdirSync(dir, { recursive: true });
  const starts = join(dir, "starts.txt");
  const python = join(dir, "python");
  writeFileSync(
    python,
    `#!/bin/sh
for a; do dir=$a; done
id=$(basename "$dir")
# Recorded before it started? On the host (launch.json) and, when the test says where, in the local store.
host=host-recorded; [ -f "$dir/launch.json" ] || host=host-unrecorded
store=-; if [ -n "\${SYLLABUS_STANDIN_STORE:-}" ]; then store=store-recorded; [ -f "$SYLLABUS_STANDIN_STORE/$id/record.json" ] || store=store-unrecorded; fi
echo "$id $$ $host $store" >> '${starts}'
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }
status() {
  printf '{"schemaVersion":1,"state":"%s","pid":%s,"host":null,"startedAt":"%s","heartbeatAt":"%s","step":%s,"totalSteps":1}\\n' "$1" $$ "$start" "$(now)" "$2" > "$dir/status.json.tmp"
  mv -f "$dir/status.json.tmp" "$dir/status.json"
}
start=$(now)
status training 0
sleep ${seconds}
cat > "$dir/result.json.tmp" <<JSON
{"schemaVersion":1,"runId":"$id","accuracy":{"arithmetic":{"accuracy":0.5,"n":2,"correct":1}},"trainSeconds":1,"optimizerSteps":1,
 "peakMemoryBytes":0,"tokensPerSecond":null,"device":"cpu","precisionNote":"stand-in","truncatedPrompts":{"train":0,"eval":{}},
 "versions":{"python":"0","torch":"0","transformers":"0","peft":"0","trainer":"stand-in"},"consumedIds":null,"finishedAt":"$(now)"}
JSON
mv -f "$dir/result.json.tmp" "$dir/result.json"
status succeeded 1
`,
  );
  chmodSync(python, 0o755);
  return { python, starts };
}
