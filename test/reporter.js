// Mocha's spec output, followed by the plain closing line CI reads: "N passed, N failed".
"use strict";
const Mocha = require("mocha");
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithSummary extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || { passes: 0, failures: 0 };
      // Printed after Spec's epilogue, so it is the last line of the run.
      process.nextTick(() => process.stdout.write(`${s.passes} passed, ${s.failures} failed\n`));
    });
  }
}
module.exports = SpecWithSummary;
