import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { arrayElementLines } from "../../../src/core/report/input";
import { jsonErrorOffset } from "../../../src/core/report/jsonErrorOffset";

test("arrayElementLines finds where each record starts, top-level or under a key, strings with commas and brackets included", () => {
  assert.deepEqual(arrayElementLines('[\n {"a": [1,2]},\n {"b": "x,]y"},\n 3\n]'), [2, 3, 4]);
  const wrapped = '{\n "title": "t [x]",\n "results": [\n  {"a": {"results": [9]}},\n  {"b": 1}\n ],\n "events": [\n {"s":1},\n\n {"s":2}]\n}';
  assert.deepEqual(arrayElementLines(wrapped, "results"), [4, 5]);
  assert.deepEqual(arrayElementLines(wrapped, "events"), [8, 10]);
});

test("arrayElementLines agrees with JSON.stringify's layout for any records", () => {
  fc.assert(
    fc.property(fc.array(fc.record({ s: fc.string(), n: fc.double({ noNaN: true, noDefaultInfinity: true }), xs: fc.array(fc.integer(), { maxLength: 3 }) }), { maxLength: 8 }), (records) => {
      const text = JSON.stringify({ results: records }, null, 1);
      const starts = arrayElementLines(text, "results");
      const lines = text.split("\n");
      assert.equal(starts.length, records.length);
      starts.forEach((l) => assert.equal(lines[l - 1]!.trim(), "{"));
    }),
  );
});

test("jsonErrorOffset points at the first bad character; valid JSON gives -1", () => {
  const bad = '[\n {"model": }\n]';
  assert.equal(bad[jsonErrorOffset(bad)], "}");
  assert.equal(jsonErrorOffset('{"a": [1, 2,]}'), 12);
  assert.equal(jsonErrorOffset('{"a": 1'), 7);
  assert.equal(jsonErrorOffset('{"a": "x\\q"}'), 9);
  fc.assert(fc.property(fc.jsonValue(), (v) => assert.equal(jsonErrorOffset(JSON.stringify(v, null, 2)), -1)));
});
