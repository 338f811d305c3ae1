// Starts and stops code-server 4.100.3 (the VS Code 1.100.3 server + web workbench) for one test run.
// It runs in its own process group: stopping kills the extension hosts too, which otherwise outlive the server.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { get } from "node:http";
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CODE_SERVER_ENTRY, shortTmp, xdgEnv } from "./env.mjs";

/** Quiet, deterministic workbench: no welcome editor, no update/gallery/telemetry traffic. */
const SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "workbench.enableExperiments": false,
  "git.enabled": false,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function status(url) {
  return new Promise((resolve) => {
    get(url, (res) => { res.resume(); resolve(res.statusCode); }).on("error", () => resolve(0));
  });
}

/**
 * @param {{dir: string, extensionsDir?: string, settings?: object, env?: object}} opts  dir: this run's scratch folder; env: extra environment (the extension host inherits it)
 * @returns {Promise<{port:number,url:string,log:string,startedMs:number,stop:()=>Promise<void>}>}
 */
export async function startCodeServer({ dir, extensionsDir = join(dir, "extensions"), settings = {}, env = {} }) {
  const port = await freePort();
  const userDataDir = join(dir, "user-data");
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, "User", "settings.json"), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const config = join(dir, "code-server.yaml");
  writeFileSync(config, "auth: none\ncert: false\n"); // else it writes ~/.config/code-server with a random password
  const tmp = shortTmp();
  const log = join(dir, "code-server.log");
  const out = createWriteStream(log);
  const t0 = Date.now();
  const proc = spawn(process.execPath, [
    CODE_SERVER_ENTRY, "--config", config, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override",
    "--ignore-last-opened", "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir,
  ], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // EXTENSIONS_GALLERY={} disables the open-vsx gallery (unreachable offline, only noise)
    env: { ...process.env, EXTENSIONS_GALLERY: "{}", TMPDIR: tmp, ...xdgEnv(join(dir, "server-home")), ...env },
  });
  proc.stdout.pipe(out);
  proc.stderr.pipe(out);
  let exited = false;
  proc.on("exit", () => { exited = true; });

  const killGroup = (signal) => { try { process.kill(-proc.pid, signal); } catch { /* already gone */ } };
  const stop = () => new Promise((resolve) => {
    const sweep = () => { killGroup("SIGKILL"); rmSync(tmp, { recursive: true, force: true }); resolve(); };
    if (exited) return sweep();
    proc.once("exit", () => setTimeout(sweep, 200));
    killGroup("SIGTERM");
    setTimeout(sweep, 3000);
  });

  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${log}`);
    if ((await status(`http://127.0.0.1:${port}/healthz`)) === 200) break;
    if (Date.now() - t0 > 30000) { await stop(); throw new Error(`code-server did not answer /healthz within 30 s; see ${log}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, url: `http://127.0.0.1:${port}`, log, startedMs: Date.now() - t0, stop };
}
