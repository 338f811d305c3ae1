/** The panels' browser code in headless Chromium: data in, what chart.js holds and what the page shows out. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { browserMissing, launch, openPanel, SHOTS } from "./page";
import * as fx from "./fixtures";
import { strategyColor } from "../../src/core/charts/palette";

const skip = browserMissing();

describe("webview panels in Chromium", { skip }, () => {
  let browser: Browser;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
  });
  after(async () => browser?.close());

  it("comparison: bars are mean accuracy in %, with CI error bars and the baseline marked", async () => {
    const p = await openPanel(browser, "comparison");
    await p.send({ type: "data", panel: "comparison", payload: fx.comparison });
    const data = await p.chartData();
    assert.ok(data, "a chart is drawn");
    // one model → grouped by eval set, filtered to the model
    assert.deepEqual(data.labels, ["medqa", "lek"]);
    assert.deepEqual(data.datasets.map((d) => d.label), ["random", "curriculum", fx.XSS]);
    assert.deepEqual(data.datasets.map((d) => (d as { role?: string }).role), ["baseline", "strategy", "strategy"], "the baseline is marked as such (lighter fill)");
    const curriculum = data.datasets[1]!;
    assert.deepEqual((curriculum.data as number[]).map((v) => Math.round(v * 10) / 10), [34, 39]);
    assert.deepEqual((curriculum.errorBars as number[][]).map((b) => b.map((v) => Math.round(v))), [[31, 37], [35, 43]]);
    assert.deepEqual(data.datasets[2]!.errorBars, [null, null], "one seed: no CI drawn");
    assert.match(await p.page.locator("#note").innerText(), /3 strategies × 2 eval sets, up to 2 seeds/);
    await p.page.screenshot({ path: join(SHOTS, "comparison.png") });
    assert.deepEqual(await p.violations(), []);
    await p.page.close();
  });

  it("comparison: gain view, seeds on demand, options saved with setState and reported to the extension", async () => {
    const p = await openPanel(browser, "comparison");
    await p.send({ type: "data", panel: "comparison", payload: fx.comparison });
    await p.page.selectOption("#view", "gain");
    let data = await p.chartData();
    assert.deepEqual(data!.datasets.map((d) => d.label), ["curriculum", fx.XSS], "the baseline has no gain over itself");
    assert.deepEqual((data!.datasets[0]!.data as number[]).map((v) => Math.round(v)), [4, -1]);
    await p.page.selectOption("#view", "accuracy");
    await p.page.check("#showSeeds");
    data = await p.chartData();
    assert.deepEqual((data!.datasets[0]!.seedPoints as number[][]).map((s) => s.map(Math.round)), [[29, 31], [38, 42]]);
    const saved = (await p.savedState()) as { ui: Record<string, unknown>; payload: unknown };
    assert.equal(saved.ui.showSeeds, true);
    assert.deepEqual(saved.payload, fx.comparison);
    const posted = await p.posted();
    assert.deepEqual(posted.at(-1), { type: "setState", panel: "comparison", state: { view: "accuracy", showSeeds: true } });
    await p.page.screenshot({ path: join(SHOTS, "comparison-seeds.png") });
    await p.page.close();
  });

  it("restores from getState without any message (a panel shown again after being hidden)", async () => {
    const p = await openPanel(browser, "comparison", { payload: fx.comparison, ui: { view: "gain" } });
    const data = await p.chartData();
    assert.deepEqual(data!.datasets.map((d) => d.label), ["curriculum", fx.XSS]);
    assert.equal(await p.page.locator("#view").inputValue(), "gain");
    await p.page.close();
  });

  it("hostile names are shown as text, never parsed as markup", async () => {
    const p = await openPanel(browser, "comparison");
    await p.send({ type: "data", panel: "comparison", payload: { ...fx.comparison, experiment: fx.XSS } });
    assert.equal(await p.page.locator("#title").textContent(), `Strategy comparison — ${fx.XSS}`);
    assert.equal(await p.page.locator("img").count(), 0);
    assert.equal(await p.page.locator("#app script").count(), 0);
    assert.notEqual(await p.page.title(), "pwned");
    await p.page.close();
  });

  it("follows the VS Code theme: CSS variables are re-read when the body class changes", async () => {
    const p = await openPanel(browser, "comparison");
    await p.send({ type: "data", panel: "comparison", payload: fx.comparison });
    const color = () => p.page.evaluate(() => (window as unknown as { Chart: { defaults: { color: string } } }).Chart.defaults.color);
    assert.equal(await color(), "#cccccc", "dark fallback without VS Code's variables");
    await p.page.evaluate(() => {
      document.documentElement.style.setProperty("--vscode-editor-foreground", "#123456");
      document.body.className = "vscode-light";
    });
    await p.page.waitForFunction(() => (window as unknown as { Chart: { defaults: { color: string } } }).Chart.defaults.color === "#123456");
    const data = await p.chartData();
    assert.equal(data!.datasets[0]!.borderColor, strategyColor(String(data!.datasets[0]!.label)), "series colours are the strategy's, whatever the theme");
    await p.page.screenshot({ path: join(SHOTS, "comparison-light.png") });
    await p.page.close();
  });

  it("Export PNG posts the canvas as a PNG data URL; Export CSV asks the extension; the answer is shown", async () => {
    const p = await openPanel(browser, "comparison");
    await p.send({ type: "data", panel: "comparison", payload: fx.comparison });
    await p.page.click("#exportPng");
    await p.page.click("#exportCsv");
    const posted = await p.posted();
    const png = posted.find((m) => m.type === "exportPng") as { dataUrl: string } | undefined;
    assert.ok(png && png.dataUrl.startsWith("data:image/png;base64,") && png.dataUrl.length > 1000);
    assert.ok(posted.some((m) => m.type === "exportCsv"));
    await p.send({ type: "exported", format: "csv", path: "/tmp/<b>x</b>.csv" });
    assert.equal(await p.page.locator("#status").textContent(), "Exported CSV to /tmp/<b>x</b>.csv");
    await p.page.close();
  });

  it("learning curves: mean ± SD band per strategy, smoothing and questions-seen axis", async () => {
    const p = await openPanel(browser, "curves");
    await p.send({ type: "data", panel: "curves", payload: fx.curves });
    await p.page.selectOption("#smoothing", "0");
    let data = await p.chartData();
    const mean = data!.datasets.find((d) => d.label === "random")!;
    assert.deepEqual((mean.data as { x: number; y: number }[]).map((pt) => [pt.x, Math.round(pt.y * 100) / 100]), [[1, 2.1], [2, 1.6], [3, 1.1]]);
    const high = data!.datasets.find((d) => d.label === "random (+1 SD)")!;
    assert.ok(Math.abs((high.data as { y: number }[])[0]!.y - (2.1 + Math.SQRT2 * 0.1)) < 1e-9);
    await p.page.selectOption("#xAxis", "questions");
    data = await p.chartData();
    assert.deepEqual((data!.datasets.find((d) => d.label === "curriculum")!.data as { x: number }[]).map((pt) => pt.x), [16, 32, 48]);
    await p.page.screenshot({ path: join(SHOTS, "curves.png") });
    await p.page.close();
  });

  it("order preview: one colour per category, missing difficulty counted not drawn, thresholds kept", async () => {
    const p = await openPanel(browser, "orders");
    await p.send({ type: "data", panel: "orders", payload: fx.orders });
    const data = await p.chartData();
    assert.deepEqual(data!.datasets.map((d) => d.label), ["cardiology", "neurology"]);
    assert.deepEqual(data!.datasets[0]!.data, [{ x: 0, y: 0.1 }, { x: 2, y: 0.5 }]);
    assert.deepEqual(data!.datasets[1]!.data, [{ x: 1, y: 0.2 }, { x: 4, y: 0.9 }]);
    assert.match(await p.page.locator("#note").innerText(), /5 questions in curriculum order \(seed 1\); 1 without difficulty/);
    await p.page.selectOption("#strategy", "random");
    const random = await p.chartData();
    assert.deepEqual(random!.datasets[0]!.data, [{ x: 0, y: 0.5 }, { x: 3, y: 0.2 }]);
    await p.page.screenshot({ path: join(SHOTS, "orders.png") });
    await p.page.close();
  });

  it("per-category accuracy: bars in %, empty categories left empty", async () => {
    const p = await openPanel(browser, "categories");
    await p.send({ type: "data", panel: "categories", payload: fx.categories });
    const data = await p.chartData();
    assert.deepEqual(data!.labels, ["cardiology", "neurology", "empty"]);
    assert.deepEqual(data!.datasets[1]!.data, [60, 37.5, null]);
    await p.page.screenshot({ path: join(SHOTS, "categories.png") });
    await p.page.close();
  });

  it("ignores messages for another panel or of unknown shape", async () => {
    const p = await openPanel(browser, "categories");
    await p.send({ type: "data", panel: "comparison", payload: fx.comparison });
    await p.page.evaluate(() => window.postMessage({ type: "data", panel: "nope", payload: 1 }, "*"));
    assert.equal(await p.chartData(), null);
    assert.equal(await p.page.locator("#note").textContent(), "Waiting for data…");
    await p.page.close();
  });
});
