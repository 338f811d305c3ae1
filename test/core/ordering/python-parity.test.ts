/**
 * A Python user reproduces every order with numpy alone: syllabus_orders.py (the recipe of
 * docs/ordering.md) and orderItems agree on every strategy × mode × category order × reference flag.
 * Needs /usr/bin/python3 with numpy (Debian python3-numpy); skipped, loudly, without it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { MT19937, orderItems, STRATEGIES, STUDY_THRESHOLDS, type OrderItem, type OrderSpec } from "../../../src/core/ordering/index";

const PYTHON = "/usr/bin/python3";
const SCRIPT = new URL("./syllabus_orders.py", import.meta.url).pathname;
const hasNumpy = spawnSync(PYTHON, ["-c", "import numpy"]).status === 0;

/** A question set with uneven categories, unicode names, ties and values on the thresholds. */
function questions(seed: number, n: number): OrderItem[] {
  const rng = MT19937.fromSeed(seed);
  const cats = ["Surgery", "Anatomy", "Dental", "ENT", "é-Skin", "Z", "\u{1F600}x", "\uFF5Ay"];
  const ds = [0.66, 0.8, 0.5, 0.5, 0, 1];
  return Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    category: cats[Math.min(rng.interval(cats.length - 1), rng.interval(cats.length - 1))]!,
    difficulty: rng.interval(3) === 0 ? ds[rng.interval(ds.length - 1)]! : rng.nextUint32() / 2 ** 32,
  }));
}

test("numpy recipe = orderItems for every strategy, mode, category order and seed", { skip: hasNumpy ? false : `${PYTHON} has no numpy (apt install python3-numpy)` }, () => {
  for (const [dataSeed, n] of [[1, 37], [2, 400], [3, 2]] as const) {
    const items = questions(dataSeed, n);
    const specs: OrderSpec[] = [];
    for (const strategy of STRATEGIES)
      for (const curriculum of ["strict", "buckets"] as const)
        for (const categoryOrder of ["sorted", "size", "random"] as const)
          for (const reference of [false, true])
            for (const seed of [0, 1, 4294967295])
              specs.push({ strategy, curriculum, categoryOrder, reference, seed, categorySeed: 7, thresholds: STUDY_THRESHOLDS });
    const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify({ items, specs }), encoding: "utf8", maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    const theirs = JSON.parse(r.stdout) as number[][];
    specs.forEach((spec, k) => assert.deepEqual(Array.from(orderItems(items, spec)), theirs[k], `${n} items, ${JSON.stringify(spec)}`));
  }
});
