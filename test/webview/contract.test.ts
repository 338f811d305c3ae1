/** The pure parts shared by the extension and the panels: message guards, the CSP page, CSV export, curve maths. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { contentSecurityPolicy, makeNonce, panelHtml } from "../../src/webview/html";
import { isFromWebview, isToWebview } from "../../src/webview/messages";
import { meanBand, smooth } from "../../src/core/charts/series";
import { panelTable, toCsv } from "../../src/webview/tables";
import * as fx from "./fixtures";

describe("message contract", () => {
  it("accepts the webview's messages and rejects anything else", () => {
    assert.ok(isFromWebview({ type: "ready" }));
    assert.ok(isFromWebview({ type: "exportCsv" }));
    assert.ok(isFromWebview({ type: "exportPng", dataUrl: "data:image/png;base64,AAAA" }));
    assert.ok(isFromWebview({ type: "setState", panel: "curves", state: { smoothing: 0.6 } }));
    assert.ok(!isFromWebview({ type: "exportPng", dataUrl: "file:///etc/passwd" }), "only PNG data URLs are written to disk");
    assert.ok(!isFromWebview({ type: "setState", panel: "nope", state: {} }));
    assert.ok(!isFromWebview({ type: "runCommand", command: "rm -rf" }));
    assert.ok(!isFromWebview(null));
    assert.ok(!isFromWebview("ready"));
  });

  it("accepts the extension's messages by shape", () => {
    assert.ok(isToWebview({ type: "data", panel: "orders", payload: fx.orders }));
    assert.ok(isToWebview({ type: "theme", kind: "light" }));
    assert.ok(!isToWebview({ type: "data", panel: "orders" }));
    assert.ok(!isToWebview({ type: "eval", code: "1" }));
  });
});

describe("panel page", () => {
  it("has a strict CSP: only the nonce'd script, styles from the webview or the nonce, images from the webview or data:", () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(nonce, makeNonce());
    const csp = contentSecurityPolicy("https://x.vscode-cdn.net", nonce);
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://x.vscode-cdn.net 'nonce-${nonce}'; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net`);
    const html = panelHtml({ panel: "comparison", cspSource: "https://x.vscode-cdn.net", nonce, scriptUri: "https://x.vscode-cdn.net/dist/webview.js" });
    assert.equal(html.match(/<script/g)?.length, 1, "one script tag");
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://x.vscode-cdn.net/dist/webview.js">`));
    assert.doesNotMatch(html, /https?:\/\/(?!x\.vscode-cdn\.net)/, "no other origin");
    assert.match(html, /data-panel="comparison"/);
  });
});

describe("CSV export", () => {
  it("one row per cell with the numbers behind the chart", () => {
    const rows = panelTable("comparison", fx.comparison);
    assert.equal(rows.length, fx.comparison.cells.length + 1);
    assert.deepEqual(rows[2]!.slice(0, 8), ["lek_to_medqa", "tinyllama", "medqa", "curriculum", 2, 0.34, 0.31, 0.37]);
    assert.equal(rows[0]![8], "ci_method");
    assert.equal(rows[0]![9], "gain_vs_random");
    assert.deepEqual(rows[0]!.slice(-2), ["p_value", "test"]);
  });

  it("quotes separators and defuses spreadsheet formulas", () => {
    const csv = toCsv([["a,b", 'say "hi"', "=HYPERLINK(1)", -1, null, Number.NaN, "line\nbreak"]]);
    assert.equal(csv, `"a,b","say ""hi""",'=HYPERLINK(1),-1,,,"line\nbreak"\n`);
  });

  it("orders export names each position's category", () => {
    const rows = panelTable("orders", fx.orders);
    assert.deepEqual(rows[4], ["lek_to_medqa", "lek", "curriculum", 1, 3, null, "neurology"]);
  });
});

describe("curve maths", () => {
  it("smoothing 0 is the identity; debiased EMA starts at the first value", () => {
    assert.deepEqual(smooth([3, 1, 2], 0), [3, 1, 2]);
    const s = smooth([2, 2, 2], 0.9);
    for (const v of s) assert.ok(Math.abs(v - 2) < 1e-12);
    assert.ok(smooth([0, 10], 0.5)[1]! < 10);
  });

  it("mean ± SD per x over runs; an x only one run reached has n = 1 and no spread", () => {
    const band = meanBand([{ x: [1, 2], y: [1, 3] }, { x: [1, 2, 3], y: [3, 5, 7] }]);
    assert.deepEqual(band.map((b) => [b.x, b.mean, b.n]), [[1, 2, 2], [2, 4, 2], [3, 7, 1]]);
    assert.ok(Math.abs(band[0]!.high - (2 + Math.SQRT2)) < 1e-12);
    assert.equal(band[2]!.low, 7);
  });
});
