// The HTML report end to end: written by writeReport, checked as text (self-contained, CSP, escaped),
// then opened in real headless Chromium to read back what Chart.js drew and to screenshot it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeReport } from "../../../src/core/report/index";
import { launchChromium, chromiumPath } from "../../../src/core/report/render";
import { syntheticGrid } from "../../fixtures/syntheticGrid";

const EVIL_STRATEGY = "<script>alert(1)</script>";
const EVIL_MODEL = "<img src=x onerror=alert(1)>";
const root = join(__dirname, "../../..");
const results = join(root, "test-results");

function input() {
  const g = syntheticGrid({ models: ["tinyllama", EVIL_MODEL], evalSets: ["medqa", "medmcqa"], steps: 60, strategies: ["random", "curriculum", "interleaved", EVIL_STRATEGY] });
  return { results: g.results, events: g.events, title: `Report of ${EVIL_STRATEGY} & ${EVIL_MODEL}`, baseline: "random" };
}

/** Means computed here from the raw records (not through the code under test), in %. */
function expectedMeans(rs: ReturnType<typeof input>["results"]) {
  const m = new Map<string, number[]>();
  for (const r of rs) {
    const k = `${r.strategy}|${r.model}|${r.evalSet}`;
    m.set(k, [...(m.get(k) ?? []), r.accuracy]);
  }
  return (s: string, model: string, e: string) => {
    const xs = m.get(`${s}|${model}|${e}`)!;
    return (xs.reduce((a, b) => a + b, 0) / xs.length) * 100;
  };
}

test("the HTML is self-contained, CSP-locked with a nonce, and escapes every name", async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-report-"));
  const out = await writeReport(input(), dir, { png: false });
  const html = readFileSync(join(dir, "report.html"), "utf8");
  // No external script, stylesheet, image or frame.
  assert.doesNotMatch(html, /<(script|link|img|iframe|source|embed)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.doesNotMatch(html, /<link\b/i);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp, "a CSP meta");
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp![1]!.replace(/&#39;/g, "'"))?.[1];
  assert.ok(nonce && nonce.length >= 16, "a random nonce");
  assert.match(csp![1]!, /default-src &#39;none&#39;/);
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (!tag.includes('type="application/json"')) assert.ok(tag.includes(`nonce="${nonce}"`), `script without the nonce: ${tag}`);
  }
  // chart.js is inlined (its licence banner) with the one chart plugin, not fetched.
  assert.match(html, /Chart\.js v4/);
  assert.match(html, /syllabusOverlays/);
  assert.match(html, /With 5 pairs the Wilcoxon test cannot give p below 0\.0625\./);
  // The hostile names only ever appear escaped.
  assert.ok(!html.includes(EVIL_STRATEGY), "raw <script> name in the HTML");
  assert.ok(!html.includes(EVIL_MODEL), "raw <img onerror> name in the HTML");
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"));
  // Exactly one script element per inline block: the JSON could not close it early.
  assert.equal((html.match(/<\/script>/g) ?? []).length, (html.match(/<script\b/g) ?? []).length);
  // The other files.
  for (const f of ["runs.csv", "stats.json", "tables/lek-to-medqa.md", "tables/lek-to-medqa.tex", "tables/lek-to-medqa.csv"]) assert.ok(existsSync(join(dir, f)), f);
  assert.equal(readFileSync(join(dir, "runs.csv"), "utf8").trim().split("\n").length, 1 + input().results.length);
  assert.ok(out.files.every((f) => existsSync(f)));
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes(".tmp-")), [], "no temp files left");
});

const noChromium = !existsSync(chromiumPath()) && process.env.CI !== "true";

test("in Chromium: the charts' datasets equal the input means, nothing is fetched, nothing runs", { skip: noChromium ? `no Chromium at ${chromiumPath()} (apt-get install chromium)` : false, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-report-"));
  const inp = input();
  await writeReport(inp, dir, { png: false });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const url = pathToFileURL(join(dir, "report.html")).href;
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __syllabusReady?: boolean }).__syllabusReady === true);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url], "the page requested nothing but itself");

    const charts = await page.evaluate(() => {
      const C = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels?: string[]; datasets: { key: string; role: string; label: string; data: unknown[] }[] } } } }).Chart;
      return Array.from(document.querySelectorAll("canvas[data-chart-id]")).map((c) => ({ id: c.getAttribute("data-chart-id")!, data: JSON.parse(JSON.stringify(C.getChart(c as HTMLCanvasElement).data)) }));
    });
    const mean = expectedMeans(inp.results);
    const accuracy = charts.filter((c) => c.id.startsWith("accuracy-"));
    assert.equal(accuracy.length, 2, "one accuracy chart per eval set");
    for (const chart of accuracy) {
      const evalSet = chart.id.endsWith("medmcqa") ? "medmcqa" : "medqa";
      assert.deepEqual(chart.data.labels, ["tinyllama", EVIL_MODEL]);
      assert.deepEqual(chart.data.datasets.map((d: { key: string }) => d.key), ["random", "interleaved", "curriculum", EVIL_STRATEGY], "the study's strategy order, others after");
      for (const ds of chart.data.datasets) {
        ds.data.forEach((v: number, j: number) => assert.ok(Math.abs(v - mean(ds.key, chart.data.labels[j], evalSet)) < 1e-9, `${chart.id} ${ds.key} ${j}: ${v}`));
      }
      assert.equal(chart.data.datasets[0].role, "baseline");
      assert.equal(chart.data.datasets[3].label, EVIL_STRATEGY, "a hostile name is drawn as text, never run");
    }
    const gain = charts.find((c) => c.id.startsWith("gain-"))!;
    for (const ds of gain.data.datasets) {
      ds.data.forEach((v: number, j: number) => {
        const [model, evalSet] = String(gain.data.labels![j]).split(" · ");
        assert.ok(Math.abs(v - (mean(ds.key, model!, evalSet!) - mean("random", model!, evalSet!))) < 1e-9);
      });
    }
    const loss = charts.filter((c) => c.id.startsWith("loss-"));
    assert.equal(loss.length, 2);
    assert.equal(loss[0]!.data.datasets.length, 4 * 3, "mean + band upper + band lower per strategy");

    mkdirSync(results, { recursive: true });
    await page.screenshot({ path: join(results, "report-page.png"), fullPage: true });
    await page.locator(`canvas[data-chart-id="${accuracy[0]!.id}"]`).screenshot({ path: join(results, "report-accuracy-chart.png") });
    assert.ok(readFileSync(join(results, "report-accuracy-chart.png")).length > 10_000);
  } finally {
    await browser.close();
  }
});

test("writeReport renders one PNG per chart with Chromium", { skip: noChromium ? "no Chromium" : false, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-report-png-"));
  const g = syntheticGrid({ models: ["tinyllama"], evalSets: ["medqa"], steps: 20, strategies: ["random", "curriculum"] });
  const out = await writeReport({ ...g, title: "PNG", baseline: "random" }, dir);
  const pngs = out.files.filter((f) => f.endsWith(".png")).map((f) => f.slice(dir.length + 1)).sort();
  assert.deepEqual(pngs, ["charts/accuracy-lek-to-medqa-model-medqa.png", "charts/gain-lek-to-medqa.png", "charts/loss-lek-to-medqa-tinyllama.png"]);
  for (const f of out.files.filter((x) => x.endsWith(".png"))) {
    const b = readFileSync(f);
    assert.equal(b.subarray(1, 4).toString(), "PNG");
    assert.equal(b.readUInt32BE(16), 960 * 2, "canvas width × device scale");
  }
});

test("one seed per cell and an experiment without baseline runs: still a report, with the gaps said out loud", async () => {
  const a = syntheticGrid({ experiment: "single_seed", models: ["tinyllama"], evalSets: ["medqa"], seeds: [7], strategies: ["random", "curriculum"] });
  const b = syntheticGrid({ experiment: "no_baseline", models: ["tinyllama"], evalSets: ["medqa"], strategies: ["blocked", "interleaved"] });
  const dir = mkdtempSync(join(tmpdir(), "syllabus-report-edge-"));
  const out = await writeReport({ results: [...a.results, ...b.results], title: "edge", baseline: "random" }, dir, { png: false });
  assert.deepEqual(out.sections.map((s) => [s.name, s.summary ? "summary" : "none"]), [["single_seed", "summary"], ["no_baseline", "none"]]);
  const html = readFileSync(join(dir, "report.html"), "utf8");
  assert.match(html, /No Random Shuffle runs in this experiment: no gains or tests\./);
  assert.match(html, /only 1 seed\(s\) in common with random: no paired test/);
  const stats = JSON.parse(readFileSync(join(dir, "stats.json"), "utf8"));
  const cell = stats.cells.find((c: { experiment: string; strategy: string }) => c.experiment === "single_seed" && c.strategy === "random");
  assert.equal(cell.runs, 1);
  assert.deepEqual(cell.ci95, [null, null], "no CI from one seed (NaN → null in JSON), never a fake zero-width one");
});
