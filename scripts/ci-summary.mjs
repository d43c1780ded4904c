#!/usr/bin/env node
/** Prints one summary line per runner and a total, from the JSON reports written under CI. */
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

const unit = read("test-results/vitest-results.json");
if (unit) {
  const u = {
    passed: unit.numPassedTests ?? 0,
    failed: unit.numFailedTests ?? 0,
    skipped: (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0),
  };
  console.log(`unit: ${u.passed} passed, ${u.failed} failed, ${u.skipped} skipped`);
  passed += u.passed;
  failed += u.failed;
  skipped += u.skipped;
} else {
  console.log("unit: no report (the unit tests did not run)");
}

const e2e = read("test-results/e2e-results.json");
if (e2e?.stats) {
  const s = e2e.stats;
  const e = {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
  };
  console.log(`e2e: ${e.passed} passed, ${e.failed} failed, ${e.skipped} skipped`);
  passed += e.passed;
  failed += e.failed;
  skipped += e.skipped;
} else {
  console.log("e2e: no report (the end-to-end tests did not run)");
}

console.log(`total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
