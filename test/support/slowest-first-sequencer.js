const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's own order (slowest first, from the timings of the last run on this
 * checkout), except on a fresh checkout, which has no timings and which jest
 * would order by file size: there the browser tests go first, because they
 * are the slowest by far, and a slow file started last keeps the whole run
 * waiting on one worker.
 */
class SlowestFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    if (ordered.some((test) => test.duration != null)) return ordered;
    const browser = (test) => /[\\/]console-[^\\/]*\.test\.ts$/.test(test.path) && !/console-(i18n|errors|query-cost)\.test\.ts$/.test(test.path);
    return [...ordered.filter(browser), ...ordered.filter((test) => !browser(test))];
  }
}

module.exports = SlowestFirstSequencer;
