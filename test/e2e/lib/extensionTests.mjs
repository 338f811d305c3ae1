// Runs extension-host tests (the @vscode/test-electron model) in code-server's Node extension host.
// code-server's CLI rejects --extensionDevelopmentPath/--extensionTestsPath, but its web workbench accepts them in
// the `?payload=` URL parameter; when the tests' run() settles, the workbench calls window.codeAutomationExit(code)
// (0 resolved, 1 rejected) and forwards extension-host console output to window.codeAutomationLog(type, args).
import { resolve } from "node:path";
import { format } from "node:util";
import { startCodeServer } from "./codeServer.mjs";
import { launchBrowser } from "./browser.mjs";

// the workbench's own chatter, shown only when SYLLABUS_E2E_VERBOSE is set
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;

/**
 * @param {{extensionDevelopmentPath:string, extensionTestsPath:string, folder?:string, dir:string,
 *          extensionsDir?:string, timeoutMs?:number, onLog?:(type:string,line:string)=>void}} opts
 * @returns {Promise<{code:number, timings:object}>} code 124 when the tests never reported an exit
 */
export async function runExtensionTests(opts) {
  const verbose = !!process.env.SYLLABUS_E2E_VERBOSE;
  const timings = {};
  const t0 = Date.now();
  const server = await startCodeServer({ dir: opts.dir, extensionsDir: opts.extensionsDir });
  timings.serverUpMs = Date.now() - t0;
  const browser = await launchBrowser(opts.dir);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    if (verbose) page.on("console", (m) => console.error("[workbench]", m.type(), m.text()));
    page.on("pageerror", (e) => console.error("[workbench pageerror]", e.message));
    let reportExit;
    const exited = new Promise((r) => { reportExit = r; });
    await page.exposeFunction("codeAutomationLog", (type, args) => {
      const line = Array.isArray(args) ? format(...args) : String(args);
      if (!verbose && type === "info" && NOISE.test(line)) return;
      if (opts.onLog) opts.onLog(type, line);
      (type === "error" || type === "warn" ? process.stderr : process.stdout).write(line + "\n");
    });
    await page.exposeFunction("codeAutomationExit", (code) => { timings.testsDoneMs = Date.now() - t0; reportExit(code); });
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ["extensionDevelopmentPath", `vscode-remote://${authority}${resolve(opts.extensionDevelopmentPath)}`],
      ["extensionTestsPath", `vscode-remote://${authority}${resolve(opts.extensionTestsPath)}`],
    ];
    const where = opts.folder ? `folder=${encodeURIComponent(resolve(opts.folder))}` : "ew=true";
    await page.goto(`${server.url}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r("timeout"), opts.timeoutMs ?? 300000); });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code === "timeout") console.error(`extension tests reported no exit; code-server log: ${server.log}`);
    timings.totalMs = Date.now() - t0;
    return { code: code === "timeout" ? 124 : Number(code), timings };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
}
