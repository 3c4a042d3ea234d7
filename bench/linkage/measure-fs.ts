/**
 * The bench's "Fellegi–Sunter comparisons scored per second per core" section on its own
 * (bench/linkage/index.ts): the same corpus (seed 5, 20 000 people), the first 8 000 records of
 * each side, the same blocking and model, every blocked pair compared, weighed and turned into a
 * probability each time round, on one thread.
 *
 *   node --import tsx bench/linkage/measure-fs.ts [--seconds 3]
 */
import { fellegiSunterWorkload } from './fellegi-sunter-workload.js';
import { generateLinkage } from './generate.js';
import { generatedRecords } from './quality.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--seconds');
const seconds = at >= 0 ? Number(argv[at + 1]) : 3;

const workload = fellegiSunterWorkload(generatedRecords(generateLinkage({ seed: 5, persons: 20_000 })));
let accepted = 0;
const work = () => {
  accepted += workload.scoreAll();
};
const pairs = { count: workload.pairs };
const firstStarted = performance.now();
work(); // warm-up: compile and tier up (and, as in the bench, fill the per-vocabulary caches)
const firstSeconds = (performance.now() - firstStarted) / 1000;
const started = performance.now();
let done = 0;
let rounds = 0;
while (performance.now() - started < seconds * 1000) {
  work();
  done += pairs.count;
  rounds += 1;
}
const elapsed = (performance.now() - started) / 1000;
console.log(
  `${pairs.count} blocked pairs; first round ${Math.round(pairs.count / firstSeconds)} pairs/s; ` +
    `${rounds} rounds: ${Math.round(done / elapsed)} pairs/s per core (accepted ${accepted / (rounds + 1)} per round)`,
);
