/** Panel payloads for the webview tests: small, hand-made, with one hostile string to prove text stays text. */
import type { CategoriesPayload, ComparisonPayload, CurvesPayload, OrdersPayload } from "../../src/webview/messages";

export const XSS = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;

export const comparison: ComparisonPayload = {
  experiment: "lek_to_medqa",
  baseline: "random",
  cells: [
    { strategy: "random", model: "tinyllama", evalSet: "medqa", mean: 0.30, ciLow: 0.28, ciHigh: 0.32, seeds: [{ seed: 1, accuracy: 0.29 }, { seed: 2, accuracy: 0.31 }] },
    { strategy: "curriculum", model: "tinyllama", evalSet: "medqa", mean: 0.34, ciLow: 0.31, ciHigh: 0.37, seeds: [{ seed: 1, accuracy: 0.33 }, { seed: 2, accuracy: 0.35 }], gain: { mean: 0.04, ciLow: 0.01, ciHigh: 0.07 }, pValue: 0.012 },
    { strategy: "random", model: "tinyllama", evalSet: "lek", mean: 0.40, ciLow: 0.36, ciHigh: 0.44, seeds: [{ seed: 1, accuracy: 0.38 }, { seed: 2, accuracy: 0.42 }] },
    { strategy: "curriculum", model: "tinyllama", evalSet: "lek", mean: 0.39, ciLow: 0.35, ciHigh: 0.43, seeds: [{ seed: 1, accuracy: 0.37 }, { seed: 2, accuracy: 0.41 }], gain: { mean: -0.01, ciLow: -0.05, ciHigh: 0.03 }, pValue: 0.6 },
    { strategy: XSS, model: "tinyllama", evalSet: "medqa", mean: 0.2, seeds: [{ seed: 1, accuracy: 0.2 }] },
  ],
};

export const curves: CurvesPayload = {
  experiment: "lek_to_medqa",
  series: [
    { strategy: "random", model: "tinyllama", seed: 1, steps: [1, 2, 3], loss: [2.0, 1.5, 1.0], questionsSeen: [16, 32, 48] },
    { strategy: "random", model: "tinyllama", seed: 2, steps: [1, 2, 3], loss: [2.2, 1.7, 1.2], questionsSeen: [16, 32, 48] },
    { strategy: "curriculum", model: "tinyllama", seed: 1, steps: [1, 2, 3], loss: [1.0, 0.9, 0.8], questionsSeen: [16, 32, 48] },
  ],
};

export const orders: OrdersPayload = {
  experiment: "lek_to_medqa",
  dataset: "lek",
  categories: ["cardiology", "neurology"],
  thresholds: { easy: 0.3, medium: 0.6 },
  orders: [
    { strategy: "curriculum", seed: 1, difficulty: [0.1, 0.2, 0.5, null, 0.9], category: [0, 1, 0, 1, 1] },
    { strategy: "random", seed: 1, difficulty: [0.5, 0.1, 0.9, 0.2, null], category: [0, 1, 1, 0, 1] },
  ],
};

export const categories: CategoriesPayload = {
  experiment: "lek_to_medqa",
  model: "tinyllama",
  evalSet: "medqa",
  categories: ["cardiology", "neurology", "empty"],
  strategies: [
    { strategy: "random", accuracy: [0.5, 0.25, null], n: [10, 8, 0] },
    { strategy: "curriculum", accuracy: [0.6, 0.375, null], n: [10, 8, 0] },
  ],
};
