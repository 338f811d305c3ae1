/**
 * The HTML report's page script (bundled by scripts/build.mjs into dist/report.js and inlined into every
 * report): chart.js, the one chart plugin, and the loop that draws the chart specs embedded in the page —
 * the same renderer the panels use. Chart is exposed on window so tests and the PNG renderer can read the
 * drawn data back (Chart.getChart(canvas)).
 */
import { Chart, registerables } from "chart.js";
import type { ChartConfiguration } from "chart.js";
import type { ChartSpec } from "../core/charts/spec";
import { registerChartPlugin } from "./chartPlugin";

Chart.register(...registerables);
registerChartPlugin();
const page = window as unknown as { Chart: typeof Chart; __syllabusReady?: boolean };
page.Chart = Chart;

const specs = JSON.parse(document.getElementById("syllabus-charts")?.textContent ?? "[]") as ChartSpec[];
// One chart per task: the first shows at once while long learning curves are still being drawn.
let i = 0;
(function next(): void {
  if (i >= specs.length) {
    page.__syllabusReady = true;
    return;
  }
  const s = specs[i++]!;
  new Chart(document.getElementById(`chart-${s.id}`) as HTMLCanvasElement, s.config as unknown as ChartConfiguration);
  setTimeout(next, 0);
})();
