/**
 * Loads a Syllabus panel exactly as VS Code would serve it (panelHtml: same markup, same CSP with a nonce, the
 * freshly bundled dist/webview.js) in headless Debian Chromium, with a recording stand-in for acquireVsCodeApi.
 * playwright-core drives the system Chromium and never downloads a browser.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { makeNonce, panelHtml } from "../../src/webview/html";
import type { FromWebview, PanelKind, ToWebview } from "../../src/webview/messages";

export const CHROMIUM = process.env.SYLLABUS_CHROMIUM ?? "/usr/bin/chromium";
export const SHOTS = join(process.cwd(), "test-results", "webview");

/** Why the browser tests cannot run here, or undefined. In CI a missing browser is a failure, not a skip. */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.CI === "true") throw new Error(why);
  return why;
}

let bundleDir: string | undefined;
/** Bundles src/webview/main.ts once per test process, so the tests check the source, not a stale dist/. */
export async function webviewBundle(): Promise<string> {
  if (bundleDir) return bundleDir;
  const dir = mkdtempSync(join(tmpdir(), "syllabus-webview-"));
  await build({ entryPoints: ["src/webview/main.ts"], bundle: true, platform: "browser", target: "es2022", format: "iife", outfile: join(dir, "webview.js"), logLevel: "error" });
  bundleDir = dir;
  return dir;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
}

export interface PanelPage {
  page: Page;
  /** Messages the panel posted to the "extension", in order. */
  posted(): Promise<FromWebview[]>;
  /** What the panel saved with setState. */
  savedState(): Promise<unknown>;
  send(message: ToWebview): Promise<void>;
  /** Chart.getChart(#chart).data, as plain JSON. */
  chartData(): Promise<{ labels?: unknown[]; datasets: Record<string, unknown>[] } | null>;
  /** CSP violations the page reported. */
  violations(): Promise<string[]>;
}

export async function openPanel(browser: Browser, panel: PanelKind, initialState?: unknown): Promise<PanelPage> {
  const dir = await webviewBundle();
  const nonce = makeNonce();
  const file = join(dir, `${panel}-${nonce}.html`);
  writeFileSync(file, panelHtml({ panel, cspSource: "file:", nonce, scriptUri: `file://${join(dir, "webview.js")}` }));
  const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  // a string, not a function: tsx would compile helpers (__name) into a function's source that the page lacks
  await page.addInitScript(`(() => {
    const w = window;
    w.__posted = [];
    w.__state = ${JSON.stringify(initialState ?? null)};
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(e.violatedDirective + ": " + e.blockedURI));
    w.acquireVsCodeApi = () => ({
      postMessage: (m) => w.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => w.__state,
      setState: (s) => { w.__state = JSON.parse(JSON.stringify(s)); },
    });
  })();`);
  await page.goto(`file://${file}`);
  await page
    .waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === "ready"), undefined, { timeout: 10000 })
    .catch((e: Error) => { throw new Error(`the ${panel} panel never posted 'ready': ${errors.join("; ") || e.message}`); });
  return {
    page,
    posted: () => page.evaluate(() => (window as unknown as { __posted: FromWebview[] }).__posted),
    savedState: () => page.evaluate(() => (window as unknown as { __state: unknown }).__state),
    send: (message) => page.evaluate((m) => window.postMessage(m, "*"), message),
    chartData: () => page.evaluate(() => {
      const canvas = document.getElementById("chart");
      const chart = (window as unknown as { Chart: { getChart(c: unknown): { data: unknown } | undefined } }).Chart.getChart(canvas);
      return chart ? JSON.parse(JSON.stringify(chart.data)) : null;
    }),
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
}
