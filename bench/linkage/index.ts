import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DiceKernel, diceJs } from '../../src/tracing/dice-kernel.js';
import { LinkagePool } from '../../src/tracing/linkage-workers.js';
import { encodePersons, kernelEncodings, pprlEncodingSchema } from '../../src/tracing/pprl-linkage.js';
import type { Bench, BenchContext, BenchReport, Goal, Measurement, Ratio } from '../bench.js';
import { FELLEGI_SUNTER_RECORDS, fellegiSunterWorkload } from './fellegi-sunter-workload.js';
import { generateLinkage, toCsv } from './generate.js';
import { benchSecret, clkOf, generatedRecords, plaintextQuality, pprlQuality } from './quality.js';

// The linkage engine's speed and quality (issue 5, acceptance 7 and 8). Every figure is single
// threaded (per core) except the end-to-end run, which uses both cores as `palermo pprl` does.
// The Dice kernels (WebAssembly, JavaScript, C scalar, C native) score the same 1024-bit filters
// — real encodings of generated records — one query against all of them, in the same run.
//
// PALERMO_LINKAGE_QUALITY_PERSONS  people in the quality data set (default 5000)
// PALERMO_LINKAGE_E2E_RECORDS      records per file of the end-to-end `palermo pprl` run
//                                  (default 50 000; the goal is stated for 1 000 000)

const run = promisify(execFile);
const DICE_FILTERS = 10_000;
const ENCODED_RECORDS = 20_000;
const GOAL_DICE_RATIO = 0.7;
const GOAL_ENCODINGS = 20_000;
const GOAL_FS = 500_000;
const GOAL_F1_PLAINTEXT = 0.95;
const GOAL_F1_PPRL = 0.9;
const GOAL_E2E_SECONDS = 300;
const GOAL_E2E_GIB = 4;

export const bench: Bench = {
  name: 'linkage',
  description: 'record linkage: Dice kernels vs C, encodings, Fellegi–Sunter scoring, F1, end-to-end pprl',
  run: runLinkageBench,
};

const throughput = (label: string, operations: number, seconds: number): Measurement => ({
  label,
  requests: operations,
  errors: 0,
  seconds,
  requestsPerSecond: operations / seconds,
  p50Ms: Number.NaN,
  p99Ms: Number.NaN,
});

/** Repeats `work` (which does `operations` operations) for about `seconds`. */
function timed(label: string, seconds: number, operations: number, work: () => void): Measurement {
  work(); // warm-up: compile and tier up
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < seconds * 1000) {
    work();
    done += operations;
  }
  return throughput(label, done, (performance.now() - started) / 1000);
}

async function runLinkageBench(context: BenchContext): Promise<BenchReport> {
  const seconds = Math.min(context.seconds, 3);
  const folder = mkdtempSync(join(tmpdir(), 'palermo-linkage-bench-'));
  context.onCleanup(() => rmSync(folder, { recursive: true, force: true }));
  const measurements: Measurement[] = [];
  const ratios: Ratio[] = [];
  const goals: Goal[] = [];
  const notes: string[] = [];

  // ---- encodings per second per core ----
  context.log('  generating records…');
  const corpus = generatedRecords(generateLinkage({ seed: 5, persons: ENCODED_RECORDS }));
  const toEncode = corpus.left.slice(0, ENCODED_RECORDS);
  encodePersons(toEncode.slice(0, 1000), pprlEncodingSchema, benchSecret);
  const encodingStarted = performance.now();
  encodePersons(toEncode, pprlEncodingSchema, benchSecret);
  const encoding = throughput(
    'encode records (balance), 1 core',
    toEncode.length,
    (performance.now() - encodingStarted) / 1000,
  );
  measurements.push(encoding);
  goals.push({
    description: `encodings ≥ ${GOAL_ENCODINGS}/s per core`,
    met: encoding.requestsPerSecond >= GOAL_ENCODINGS,
  });

  // ---- Dice: WebAssembly, JavaScript, C scalar, C native on the same filters ----
  context.log('  Dice kernels…');
  const filters = kernelEncodings(clkOf(toEncode.slice(0, DICE_FILTERS), 'none'), false);
  const kernel = DiceKernel.create();
  const filtersAt = kernel.reserve(filters.data.byteLength);
  kernel.bytes(filtersAt, filters.data.byteLength).set(filters.data);
  const countsAt = kernel.reserve(filters.count * 4);
  new Uint32Array(kernel.memory.buffer, countsAt, filters.count).set(filters.counts);
  const outAt = kernel.reserve(filters.count * 4);
  let query = 0;
  const wasm = timed('Dice, WebAssembly kernel, 1 core', seconds, filters.count * 16, () => {
    for (let repeat = 0; repeat < 16; repeat += 1) {
      kernel.many(16, filtersAt + query * 128, filtersAt, countsAt, filters.count, outAt, 'plain');
      query = (query + 1) % filters.count;
    }
  });
  const words = new Uint32Array(filters.data.buffer, filters.data.byteOffset, filters.data.byteLength / 4);
  let sink = 0;
  const javascript = timed('Dice, JavaScript fallback, 1 core', seconds, filters.count, () => {
    for (let candidate = 0; candidate < filters.count; candidate += 1)
      sink += diceJs(words, query * 32, words, candidate * 32, 32, 'plain');
    query = (query + 1) % filters.count;
  });
  measurements.push(wasm, javascript);
  const dataFile = join(folder, 'filters.bin');
  const header = new Uint32Array([filters.count]);
  writeFileSync(
    dataFile,
    Buffer.concat([
      Buffer.from(header.buffer),
      Buffer.from(filters.data.buffer, filters.data.byteOffset, filters.data.byteLength),
      Buffer.from(filters.counts.buffer, filters.counts.byteOffset, filters.counts.byteLength),
    ]),
  );
  const source = new URL('./dice.c', import.meta.url).pathname;
  const cBuilds: { label: string; flags: string[] }[] = [
    { label: 'Dice, C scalar (cc -O3 -mpopcnt), 1 core', flags: ['-O3', '-mpopcnt'] },
    { label: 'Dice, C native (cc -O3 -march=native), 1 core', flags: ['-O3', '-march=native'] },
  ];
  const cMeasurements: Measurement[] = [];
  for (const build of cBuilds) {
    const binary = join(folder, `dice${cMeasurements.length}`);
    try {
      await run('cc', [...build.flags, '-o', binary, source]);
      const { stdout } = await run(binary, [dataFile, String(seconds)]);
      const [comparisons, elapsed] = stdout.trim().split(' ').map(Number);
      cMeasurements.push(throughput(build.label, comparisons!, elapsed!));
    } catch (error) {
      notes.push(`${build.label} could not run: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  measurements.push(...cMeasurements);
  const [scalar, native] = cMeasurements;
  if (scalar) {
    const ratio = wasm.requestsPerSecond / scalar.requestsPerSecond;
    ratios.push({ label: 'Dice WebAssembly ÷ C scalar', value: ratio });
    ratios.push({
      label: 'Dice JavaScript ÷ C scalar',
      value: javascript.requestsPerSecond / scalar.requestsPerSecond,
    });
    goals.push({
      description: `Dice WebAssembly ≥ ${GOAL_DICE_RATIO}× C scalar`,
      met: ratio >= GOAL_DICE_RATIO,
    });
  }
  if (native)
    ratios.push({
      label: 'Dice WebAssembly ÷ C native',
      value: wasm.requestsPerSecond / native.requestsPerSecond,
    });
  if (sink < 0) notes.push('unreachable');

  // ---- Fellegi–Sunter comparisons scored per second per core ----
  context.log('  Fellegi–Sunter scoring…');
  const fellegiSunter = fellegiSunterWorkload(corpus);
  let accepted = 0;
  const scoring = timed(
    'Fellegi–Sunter compare + score (prepared), 1 core',
    seconds,
    fellegiSunter.pairs,
    () => {
      accepted += fellegiSunter.scoreAll();
    },
  );
  measurements.push(scoring);
  goals.push({
    description: `Fellegi–Sunter ≥ ${GOAL_FS} comparisons scored/s per core`,
    met: scoring.requestsPerSecond >= GOAL_FS,
  });
  notes.push(
    `Fellegi–Sunter: ${fellegiSunter.pairs} blocked candidate pairs of ${FELLEGI_SUNTER_RECORDS} × ${FELLEGI_SUNTER_RECORDS} generated records, compared and weighed each time round (${accepted >= 0 ? 'levels, weights, probability' : ''}).`,
  );

  // ---- quality ----
  const persons = Number(process.env.PALERMO_LINKAGE_QUALITY_PERSONS ?? 5000);
  context.log(`  quality on ${persons} generated people…`);
  const generated = generateLinkage({ seed: 2, persons });
  const pool = new LinkagePool(2);
  context.onCleanup(() => pool.close());
  const plaintext = await plaintextQuality(generated, { pool });
  const pprl = {
    balance: await pprlQuality(generated, { hardening: 'balance', pool }),
    none: await pprlQuality(generated, { hardening: 'none', pool }),
    xorFold: await pprlQuality(generated, { hardening: 'xorFold', pool }),
  };
  const quality = (label: string, figures: { precision: number; recall: number; f1: number }) => {
    ratios.push({ label: `${label} F1`, value: figures.f1 });
    notes.push(
      `${label}: precision ${figures.precision.toFixed(3)}, recall ${figures.recall.toFixed(3)}, F1 ${figures.f1.toFixed(3)}`,
    );
  };
  quality('plaintext (palermo link)', plaintext);
  quality('PPRL balance (default)', pprl.balance);
  quality('PPRL no hardening', pprl.none);
  quality('PPRL xorFold', pprl.xorFold);
  ratios.push({ label: 'cost of balancing: F1 none − F1 balance', value: pprl.none.f1 - pprl.balance.f1 });
  ratios.push({ label: 'cost of XOR folding: F1 none − F1 xorFold', value: pprl.none.f1 - pprl.xorFold.f1 });
  goals.push({ description: `plaintext F1 ≥ ${GOAL_F1_PLAINTEXT}`, met: plaintext.f1 >= GOAL_F1_PLAINTEXT });
  goals.push({ description: `PPRL F1 ≥ ${GOAL_F1_PPRL} (balance)`, met: pprl.balance.f1 >= GOAL_F1_PPRL });
  notes.push(
    `quality data: ${generated.left.length} × ${generated.right.length} records, ${generated.truth.size} true matches (bench/linkage/generate.ts, seed 2)`,
  );

  // ---- end to end: palermo pprl encode ×2 + match, as processes ----
  const records = Number(process.env.PALERMO_LINKAGE_E2E_RECORDS ?? 50_000);
  context.log(`  end to end: generating ${records} × ~${records} records…`);
  const e2e = generateLinkage({ seed: 9, persons: records, overlap: 0.7 });
  writeFileSync(join(folder, 'left.csv'), toCsv(e2e.left));
  writeFileSync(join(folder, 'right.csv'), toCsv(e2e.right.slice(0, records)));
  writeFileSync(join(folder, 'secret'), Buffer.from(benchSecret));
  const palermo = new URL('../../bin/palermo.js', import.meta.url).pathname;
  let totalSeconds = 0;
  let peakKib = 0;
  const steps: [string, string[]][] = [
    [
      'encode left',
      [
        'pprl',
        'encode',
        '--in',
        join(folder, 'left.csv'),
        '--secret-file',
        join(folder, 'secret'),
        '--out',
        join(folder, 'left.clk'),
        '--reference-date',
        e2e.referenceDate,
      ],
    ],
    [
      'encode right',
      [
        'pprl',
        'encode',
        '--in',
        join(folder, 'right.csv'),
        '--secret-file',
        join(folder, 'secret'),
        '--out',
        join(folder, 'right.clk'),
        '--reference-date',
        e2e.referenceDate,
      ],
    ],
    [
      'match',
      [
        'pprl',
        'match',
        '--left',
        join(folder, 'left.clk'),
        '--right',
        join(folder, 'right.clk'),
        '--out',
        join(folder, 'matches.csv'),
      ],
    ],
  ];
  for (const [label, args] of steps) {
    context.log(`  palermo ${args.slice(0, 2).join(' ')} (${label})…`);
    const { stderr, stdout } = await run(
      '/usr/bin/time',
      ['-f', 'TIME %e %M', process.execPath, palermo, ...args],
      {
        maxBuffer: 1 << 24,
      },
    );
    const [, elapsed, kib] = /TIME ([\d.]+) (\d+)/.exec(stderr) ?? [];
    totalSeconds += Number(elapsed);
    peakKib = Math.max(peakKib, Number(kib));
    notes.push(
      `end to end, ${label}: ${Number(elapsed).toFixed(1)} s, peak ${(Number(kib) / 1024).toFixed(0)} MiB — ${stdout.trim()}`,
    );
  }
  measurements.push(
    throughput(
      `palermo pprl end to end, ${records} × ${records} records (pairs/s)`,
      records * records,
      totalSeconds,
    ),
  );
  const peakGib = peakKib / 1024 / 1024;
  notes.push(
    `end to end ${records} × ${records}: ${totalSeconds.toFixed(1)} s in all, peak memory ${peakGib.toFixed(2)} GiB (both cores)`,
  );
  if (records >= 1_000_000) {
    goals.push({
      description: `1M × 1M pprl ≤ ${GOAL_E2E_SECONDS} s`,
      met: totalSeconds <= GOAL_E2E_SECONDS,
    });
    goals.push({ description: `1M × 1M pprl ≤ ${GOAL_E2E_GIB} GiB`, met: peakGib <= GOAL_E2E_GIB });
  } else
    notes.push(
      `the 1M × 1M goal is measured with PALERMO_LINKAGE_E2E_RECORDS=1000000 (takes several minutes)`,
    );
  notes.push(
    'req/s column: operations per second (comparisons, records, or pairs of the end-to-end run); p50/p99 do not apply.',
  );

  return {
    measurements,
    ratios,
    goals,
    notes,
    environment: {
      cpus: 2,
      node: process.version,
      diceFilters: filters.count,
      qualityPersons: persons,
      e2eRecords: records,
    },
  };
}
