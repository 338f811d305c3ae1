// The UI scenario: what a researcher does in the editor, step by step, in code-server + headless Chromium,
// with a screenshot after each step (test-results/e2e/NN-step.png). Every step is one counted test; the first
// failing step stops the scenario (later steps depend on it) and is saved as 99-failure.png with the
// workbench's console.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser } from "../lib/browser.mjs";
import { startCodeServer } from "../lib/codeServer.mjs";
import { REPO_ROOT, scratch } from "../lib/env.mjs";
import { goTo, openFile, runCommand, SEL, webview } from "./workbench.mjs";

const TYPO = "curiculum";

/** @returns {Promise<{passed:number, failed:number}>} */
export async function runScenario({ workspace, shots, extension = REPO_ROOT, runTimeoutMs = 15 * 60 * 1000 }) {
  mkdirSync(shots, { recursive: true });
  const dir = scratch("ui");
  // the extension under test is this repository, linked into the extensions folder like an installed one
  const extensions = join(dir, "extensions");
  mkdirSync(extensions, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));
  symlinkSync(extension, join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`));

  const server = await startCodeServer({ dir, extensionsDir: extensions });
  const browser = await launchBrowser(dir);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  let passed = 0;
  let n = 0;
  const step = async (name, fn) => {
    const t0 = Date.now();
    await fn();
    n++;
    await page.screenshot({ path: join(shots, `${String(n).padStart(2, "0")}-${name}.png`) });
    passed++;
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  };

  try {
    await step("workbench", async () => {
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator(SEL.explorerRow, { hasText: "demo.syllabus" }).waitFor({ timeout: 60000 });
    });

    await step("highlighting", async () => {
      await openFile(page, "demo.syllabus");
      await page.locator(SEL.languageStatus).filter({ hasText: "Syllabus" }).waitFor({ timeout: 30000 });
      // the grammar gives `experiment` a token class of its own (mtk1 is plain text)
      const keyword = page.locator(".view-line span span", { hasText: /^experiment$/ }).first();
      await keyword.waitFor();
      const cls = await keyword.getAttribute("class");
      if (!cls || cls === "mtk1") throw new Error(`'experiment' is not highlighted (class ${cls})`);
    });

    const text = readFileSync(join(workspace, "demo.syllabus"), "utf8");
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("strategies = [random, curriculum]")) + 1;
    const endOfWord = lines[line - 1].indexOf("curriculum]") + "curriculum".length + 1; // 1-based column after the word

    await step("typo-diagnostic", async () => {
      await goTo(page, line, endOfWord);
      for (let i = 0; i < "curriculum".length; i++) await page.keyboard.press("Backspace");
      await page.keyboard.type(TYPO);
      await page.locator(SEL.errorSquiggle).first().waitFor({ timeout: 30000 });
      await page.locator(".view-line", { hasText: `[random, ${TYPO}]` }).waitFor();
    });

    await step("quick-fix", async () => {
      await goTo(page, line, endOfWord - 2);
      await page.keyboard.press("Control+.");
      const fix = page.locator(".action-widget .monaco-list-row", { hasText: "curriculum" }).first();
      await fix.waitFor({ timeout: 30000 });
      await page.keyboard.press("Enter"); // the only fix is focused; a click is intercepted by the widget's pointer block
      await page.locator(".view-line", { hasText: "[random, curriculum]" }).waitFor();
      await page.locator(SEL.errorSquiggle).first().waitFor({ state: "detached", timeout: 30000 });
      await page.keyboard.press("Control+S");
      await page.locator(`${SEL.activeTab}.dirty`).waitFor({ state: "detached" });
    });

    await step("run-codelens", async () => {
      const lens = page.locator(SEL.codeLens, { hasText: "Run on local" }).first();
      await lens.waitFor({ timeout: 30000 });
      await lens.click();
      await page.locator(SEL.sidebarRow, { hasText: "demo" }).first().waitFor({ timeout: 30000 });
      // launched: the CodeLens counts the runs, the status bar shows the active ones
      await page.locator(SEL.codeLens, { hasText: /running|done/ }).first().waitFor({ timeout: 60000 });
    });

    await step("runs-succeeded", async () => {
      // expand both strategies and wait until every run row says succeeded
      for (const s of ["random", "curriculum"]) {
        const row = page.locator(SEL.sidebarRow, { hasText: new RegExp(`^\\s*${s}`) }).first();
        if ((await row.getAttribute("aria-expanded")) === "false") await row.click();
      }
      const deadline = Date.now() + runTimeoutMs;
      for (;;) {
        const rows = (await page.locator(SEL.sidebarRow).allInnerTexts()).filter((t) => /seed \d/.test(t));
        if (rows.some((t) => /failed/.test(t))) throw new Error(`a run failed: ${rows.join(" | ")}`);
        if (rows.length === 2 && rows.every((t) => /succeeded/.test(t))) break;
        if (Date.now() > deadline) throw new Error(`runs did not finish: ${rows.join(" | ")}`);
        await page.waitForTimeout(2000);
      }
      await page.locator(SEL.sidebarRow, { hasText: "2/2 runs done" }).first().waitFor({ timeout: 30000 });
    });

    await step("comparison-panel", async () => {
      await openFile(page, "demo.syllabus");
      await runCommand(page, "Syllabus: Open Strategy Comparison");
      const chart = webview(page).locator("#chart");
      await chart.waitFor({ timeout: 30000 });
      const data = await chart.evaluate((canvas) => JSON.parse(JSON.stringify(window.Chart.getChart(canvas).data)));
      const labels = data.datasets.map((d) => d.label);
      if (labels.join() !== "random,curriculum") throw new Error(`chart datasets: ${labels.join()}`);
      const values = data.datasets.flatMap((d) => d.data);
      if (values.length !== 2 || !values.every((v) => Number.isFinite(v) && v >= 0 && v <= 100)) throw new Error(`chart values: ${values}`);
      console.log(`    comparison chart: ${JSON.stringify(data.labels)} ${data.datasets.map((d) => `${d.label}=${d.data.map((v) => v.toFixed(1))}%`).join(" ")}`);
    });

    await step("export-report", async () => {
      await openFile(page, "demo.syllabus");
      await runCommand(page, "Syllabus: Export Report");
      await page.locator(SEL.toast, { hasText: "report written" }).first().waitFor({ timeout: 60000 });
      const html = join(workspace, "reports", "demo", "report.html");
      if (!existsSync(html)) throw new Error(`no ${html}`);
      if (!/curriculum/.test(readFileSync(html, "utf8"))) throw new Error("the report does not mention the strategies");
    });
    return { passed, failed: 0 };
  } catch (err) {
    console.error(`  ✘ step ${n + 1} failed: ${err.message}`);
    await page.screenshot({ path: join(shots, "99-failure.png") }).catch(() => {});
    writeFileSync(join(shots, "99-failure-console.log"), consoleLines.join("\n"));
    console.error(`    screenshot and workbench console in ${shots}; code-server log: ${server.log}`);
    return { passed, failed: 1 };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
}
