/**
 * PNGs of the report's charts: the report page is opened in headless Chromium (Debian's chromium,
 * driven by playwright-core — the browser engine the charts are meant for, no re-implementation of
 * canvas drawing) and each chart canvas is screenshotted.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// playwright-core is loaded lazily and by a computed name, so bundles that never render PNGs
// (extension host, language server) do not pull it in.
type Playwright = typeof import("playwright-core");
type Browser = Awaited<ReturnType<Playwright["chromium"]["launch"]>>;

export function chromiumPath(): string {
  return process.env.SYLLABUS_CHROMIUM ?? "/usr/bin/chromium";
}

/** Fails early (before a report is half written) when PNGs are wanted and there is no Chromium. */
export function assertChromium(): string {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath}. Fix: apt-get install chromium, set SYLLABUS_CHROMIUM to a Chromium binary, or skip PNGs (--no-png)`);
  return executablePath;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = assertChromium();
  const name = "playwright-core";
  const { chromium } = (await import(name)) as Playwright;
  return chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
}

/** Opens the report and writes charts/<id>.png for every chart canvas; returns the files written. */
export async function renderChartPngs(htmlPath: string, outDir: string): Promise<string[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForFunction(() => (globalThis as unknown as { __syllabusReady?: boolean }).__syllabusReady === true, undefined, { timeout: 30_000 });
    const ids = await page.$$eval("canvas[data-chart-id]", (els) => els.map((e) => e.getAttribute("data-chart-id")!));
    const files: string[] = [];
    for (const id of ids) {
      const file = join(outDir, "charts", `${id}.png`);
      // Screenshot to a temp name then rename, like every other report file.
      const tmp = `${file}.tmp-${process.pid}.png`;
      await page.locator(`canvas[data-chart-id="${id}"]`).screenshot({ path: tmp });
      (await import("node:fs")).renameSync(tmp, file);
      files.push(file);
    }
    return files;
  } finally {
    await browser.close();
  }
}
