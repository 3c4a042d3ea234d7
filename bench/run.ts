import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bench, BenchContext, BenchReport } from './bench.js';

// `npm run bench [filter]`: runs every bench in bench/*/ (or those whose name contains the filter),
// prints one table and writes the figures to bench/results/<time>.json. Exits non-zero when a bench
// fails; a goal not met is reported, not an error.

const benchRoot = new URL('.', import.meta.url).pathname;
const resultsFolder = join(benchRoot, 'results');
const filter = process.argv[2];
const seconds = Number(process.env.PALERMO_BENCH_SECONDS ?? 10);
if (!Number.isFinite(seconds) || seconds <= 0)
  throw new Error('PALERMO_BENCH_SECONDS must be a positive number');

const log = (line: string) => process.stderr.write(`${line}\n`);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    const work = cleanups.pop()!;
    try {
      await work();
    } catch (error) {
      log(`clean-up failed: ${(error as Error).message}`);
    }
  }
}
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  log('\ninterrupted: cleaning up…');
  void cleanUp().finally(() => process.exit(130));
});

async function loadBenches(): Promise<Bench[]> {
  const folders = readdirSync(benchRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(benchRoot, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
  const benches: Bench[] = [];
  for (const folder of folders) {
    const module = (await import(pathToFileURL(join(benchRoot, folder, 'index.ts')).href)) as {
      bench?: Bench;
    };
    if (!module.bench) throw new Error(`bench/${folder}/index.ts exports no \`bench\``);
    benches.push(module.bench);
  }
  return benches.filter((bench) => !filter || bench.name.includes(filter));
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function printTable(reports: { bench: Bench; report: BenchReport }[]) {
  const header = ['bench', 'load', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'];
  const rows = reports.flatMap(({ bench, report }) =>
    report.measurements.map((measurement) => [
      bench.name,
      measurement.label,
      fixed(measurement.requestsPerSecond, 0),
      fixed(measurement.p50Ms, 2),
      fixed(measurement.p99Ms, 2),
      String(measurement.requests),
      String(measurement.errors),
    ]),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  const out = [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line), ''];
  for (const { bench, report } of reports) {
    for (const ratio of report.ratios) out.push(`${bench.name}: ${ratio.label} = ${ratio.value.toFixed(2)}`);
    for (const goal of report.goals)
      out.push(`${bench.name}: goal ${goal.description}: ${goal.met ? 'met' : 'NOT MET'}`);
    for (const note of report.notes) out.push(`${bench.name}: note: ${note}`);
    out.push('');
  }
  process.stdout.write(`\n${out.join('\n')}`);
}

async function main(): Promise<number> {
  const benches = await loadBenches();
  if (benches.length === 0) {
    log(`no bench matches ${filter ?? '(any)'}`);
    return 1;
  }
  const context: BenchContext = { seconds, log, onCleanup: (work) => void cleanups.push(work) };
  const reports: { bench: Bench; report: BenchReport }[] = [];
  let failed = false;
  for (const bench of benches) {
    log(`bench ${bench.name}: ${bench.description}`);
    try {
      reports.push({ bench, report: await bench.run(context) });
    } catch (error) {
      failed = true;
      log(`bench ${bench.name} failed: ${(error as Error).stack ?? error}`);
    } finally {
      await cleanUp();
    }
    if (interrupted) return 130;
  }
  if (reports.length > 0) {
    printTable(reports);
    mkdirSync(resultsFolder, { recursive: true });
    const finishedAt = new Date().toISOString();
    const file = join(resultsFolder, `${finishedAt.replace(/[:.]/g, '-')}.json`);
    const results = Object.fromEntries(reports.map(({ bench, report }) => [bench.name, report]));
    writeFileSync(file, `${JSON.stringify({ finishedAt, seconds, results }, null, 2)}\n`);
    log(`results written to ${file}`);
  }
  return failed ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch(async (error) => {
    log(`bench failed: ${(error as Error).stack ?? error}`);
    await cleanUp();
    process.exit(1);
  });
