/** A core chart spec (src/core/charts/spec.ts) as a Chart.js configuration for a panel: the theme's reference-line colour added. */
import type { ChartConfiguration } from "chart.js";
import type { ChartSpec } from "../core/charts/spec";
import type { Theme } from "./theme";

export function toChartConfig(spec: ChartSpec, theme: Theme): ChartConfiguration {
  const options = { ...spec.config.options, plugins: { ...(spec.config.options.plugins ?? {}), syllabusOverlays: { ...(spec.config.options.plugins?.syllabusOverlays ?? {}), muted: theme.muted } } };
  return { type: spec.config.type, data: spec.config.data, options } as unknown as ChartConfiguration;
}
