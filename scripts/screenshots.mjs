// `npm run screenshots [-- DEMO_DIR]`: the README's pictures, taken from a FINISHED demo (`npm run demo` first):
//   media/screenshot.png  the real editor (code-server + the packaged .vsix, headless Chromium) on the demo
//                         workspace: the config with its CodeLens, the Experiments tree, the comparison panel
//   media/report.png      the top of the demo's HTML report (DEMO_DIR/report/report.html)
// Nothing is trained here: the runs are read from DEMO_DIR/.syllabus, so the pictures show what the demo measured.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launchBrowser } from "../test/e2e/lib/browser.mjs";
import { startCodeServer } from "../test/e2e/lib/codeServer.mjs";
import { missingPrerequisites, REPO_ROOT, scratch } from "../test/e2e/lib/env.mjs";
import { installVsix, packageVsix } from "../test/e2e/lib/vsix.mjs";
import { openFile, runCommand, SEL, webview } from "../test/e2e/ui/workbench.mjs";

const folder = resolve(process.argv[2] ?? join(REPO_ROOT, "demo-workspace"));
const media = join(REPO_ROOT, "media");
const report = join(folder, "report", "report.html");
if (!existsSync(join(folder, "demo.syllabus")) || !existsSync(report)) {
  console.error(`${folder} holds no finished demo (demo.syllabus and report/report.html). Fix: npm run demo first`);
  process.exit(2);
}
const missing = missingPrerequisites();
if (missing.length) {
  console.error(`cannot take screenshots, missing:\n  ${missing.join("\n  ")}`);
  process.exit(2);
}

if (spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO_ROOT, stdio: "inherit" }).status !== 0) process.exit(1);
const dir = scratch("screenshots");
const extensionsDir = installVsix(packageVsix(REPO_ROOT, dir), REPO_ROOT, dir);
// the demo's trainer (the repository's .venv, which `npm run demo` set up), so the Hosts view shows it ready
const server = await startCodeServer({ dir, extensionsDir, settings: { "syllabus.pythonPath": join(REPO_ROOT, ".venv", "bin", "python") } });
const browser = await launchBrowser(dir);
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.setViewportSize({ width: 1600, height: 1000 }); // room for the config's inlay hints beside the panel
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator(SEL.activityItem("Syllabus")).first().waitFor({ timeout: 60000 });
  await openFile(page, "demo.syllabus");
  await page.locator(SEL.codeLens, { hasText: /done/ }).first().waitFor({ timeout: 60000 });
  await page.locator(SEL.activityItem("Syllabus")).first().click();
  const demoRow = page.locator(SEL.sidebarRow, { hasText: /12\/12 runs done/ }).first();
  await demoRow.waitFor({ timeout: 60000 });
  if ((await demoRow.getAttribute("aria-expanded")) === "false") await demoRow.click();
  await page.locator(SEL.sidebarRow, { hasText: "trainer ready" }).first().waitFor({ timeout: 120000 });
  await runCommand(page, "Syllabus: Open Strategy Comparison");
  await webview(page).locator("#chart").waitFor({ timeout: 60000 });
  await page.waitForTimeout(1500); // chart.js animations are off under reduced motion; this lets fonts settle
  await page.keyboard.press("Escape");
  mkdirSync(media, { recursive: true });
  await page.screenshot({ path: join(media, "screenshot.png") });
  console.log(`wrote ${join(media, "screenshot.png")}`);

  const reportPage = await browser.newPage();
  await reportPage.setViewportSize({ width: 1100, height: 1300 });
  await reportPage.goto(pathToFileURL(report).href);
  await reportPage.waitForLoadState("load");
  await reportPage.screenshot({ path: join(media, "report.png") });
  console.log(`wrote ${join(media, "report.png")}`);
} finally {
  await browser.close().catch(() => {});
  await server.stop();
}
