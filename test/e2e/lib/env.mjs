// Where the real-editor tests keep what they install and what they scribble: outside the repo, so a test run
// never dirties the work tree, and under one root so `rm -rf` cleans it.
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";

export const E2E_HOME = process.env.SYLLABUS_E2E_HOME || join(homedir(), ".cache", "syllabus-e2e");
export const CODE_SERVER_DIR = process.env.SYLLABUS_CODE_SERVER_DIR || join(E2E_HOME, "code-server");
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, "node_modules/code-server/out/node/entry.js");
/** The trainer's wheels (test/e2e/install-wheels.sh): Set Up Local Trainer installs from here, offline. */
export const WHEELS = process.env.SYLLABUS_E2E_WHEELS || join(E2E_HOME, "wheels");
export const CHROMIUM = process.env.SYLLABUS_CHROMIUM || "/usr/bin/chromium";
export const REPO_ROOT = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "");

/** A fresh scratch folder for one run (server logs, profiles, user data). */
export function scratch(name) {
  mkdirSync(join(E2E_HOME, "runs"), { recursive: true });
  return mkdtempSync(join(E2E_HOME, "runs", `${name}-`));
}

/** Removes the previous test run's scratch folders: the last run's logs stay for inspection until the next run. */
export function clearScratch() {
  rmSync(join(E2E_HOME, "runs"), { recursive: true, force: true });
}

/**
 * A short-lived TMPDIR. Chromium and VS Code put unix sockets there, whose paths must stay under ~107 bytes,
 * so it lives in the system temp folder rather than under the (possibly long) scratch folder.
 */
export function shortTmp() {
  return mkdtempSync(join(tmpdir(), "sy-e2e-"));
}

/** What is missing for the real-editor tests, as install instructions (empty when ready). */
export function missingPrerequisites() {
  const missing = [];
  if (!existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server: run test/e2e/install-code-server.sh (expected ${CODE_SERVER_ENTRY})`);
  if (!existsSync(CHROMIUM)) missing.push(`chromium: apt-get install -y chromium (expected ${CHROMIUM})`);
  if (!existsSync(join(WHEELS, ".complete"))) missing.push(`the trainer's wheels for Set Up Local Trainer: run test/e2e/install-wheels.sh (expected ${WHEELS})`);
  return missing;
}

/** XDG dirs under `base`, so neither code-server nor Chromium writes into the real $HOME. */
export function xdgEnv(base) {
  const env = {};
  for (const [key, dir] of [["XDG_CONFIG_HOME", "config"], ["XDG_DATA_HOME", "data"], ["XDG_CACHE_HOME", "cache"], ["XDG_STATE_HOME", "state"]]) {
    env[key] = join(base, dir);
    mkdirSync(env[key], { recursive: true });
  }
  return env;
}
