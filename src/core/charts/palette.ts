/**
 * One colour per strategy, in every view and export: the panels, the report and its PNGs. The six strategies of
 * the study have fixed colours from the Okabe–Ito palette (Okabe & Ito 2008), which stays distinguishable with
 * every common colour-vision deficiency, on light and dark backgrounds (its black and yellow are left out: one
 * vanishes on dark themes, the other on light ones; the baseline `random` is the neutral grey). Any other name —
 * a category, a strategy from a later version — gets a colour derived from the name alone (a hash to a hue), so
 * it is the same in every chart whatever else is drawn beside it.
 * Browser-safe (the webviews import this folder): no Node, no DOM.
 */

/** The study's strategies (Yang et al. 2024, §2.3) → colour. Same names as src/core/ordering/types STRATEGIES (a test checks). */
export const STUDY_STRATEGY_COLORS: Readonly<Record<string, string>> = {
  random: "#999999",
  blocked: "#E69F00",
  interleaved: "#56B4E9",
  curriculum: "#009E73",
  blocked_curriculum: "#0072B2",
  interleaved_curriculum: "#CC79A7",
};

/** FNV-1a: a small, stable string hash (the same in every JS engine). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`.toUpperCase();
}

/** A stable colour for any name: mid saturation and lightness, readable on light and dark backgrounds. */
export function nameColor(name: string): string {
  return hslToHex(hash(name) % 360, 0.55, 0.5);
}

/** The colour of a strategy (or any series named like one) in every chart. */
export function strategyColor(strategy: string): string {
  return STUDY_STRATEGY_COLORS[strategy] ?? nameColor(strategy);
}

/** `#RRGGBB` with an alpha, as chart fills use it. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const n = parseInt(hex[1]!, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
