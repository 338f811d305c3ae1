/**
 * Order preview: difficulty of the question at each training position, one colour per category, with the
 * curriculum's easy/medium thresholds. Works from the config alone, before any run.
 */
import { Chart } from "chart.js";
import { select } from "../dom";
import { ordersChart } from "../../core/charts/panels";
import type { OrdersPayload } from "../messages";
import { toChartConfig } from "../render";
import type { Renderer } from "./context";

export const renderOrders: Renderer<OrdersPayload> = (ctx) => {
  const { payload: p, ui, theme } = ctx;
  const strategies = [...new Set(p.orders.map((o) => o.strategy))];
  const strategy = ui.strategy && strategies.includes(ui.strategy) ? ui.strategy : strategies[0];
  const seeds = p.orders.filter((o) => o.strategy === strategy).map((o) => o.seed);
  const seed = ui.seed !== undefined && seeds.includes(ui.seed) ? ui.seed : seeds[0];
  ctx.controls.append(
    select("Strategy", "strategy", strategies.map((s) => ({ value: s, text: s })), strategy ?? "", (v) => ctx.setUi({ strategy: v })),
    select("Seed", "seed", seeds.map((s) => ({ value: String(s), text: String(s) })), String(seed), (v) => ctx.setUi({ seed: Number(v) })),
  );
  const order = p.orders.find((o) => o.strategy === strategy && o.seed === seed);
  if (!order) { ctx.note.textContent = "No order to preview."; return undefined; }
  const missing = order.difficulty.filter((d) => d === null).length;
  ctx.note.textContent = `${p.dataset}: ${order.difficulty.length} questions in ${strategy} order (seed ${seed})` + (missing ? `; ${missing} without difficulty are not drawn` : "");

  return new Chart(ctx.canvas, toChartConfig(ordersChart(p, order), theme));
};
