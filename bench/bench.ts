// What a bench is and how it reports (DESIGN §7: performance claims are ratios against a baseline
// measured in the same run, never timed tests). Each folder bench/<name>/ has an index.ts that
// exports `bench`; bench/run.ts runs them, prints one table and writes the figures as JSON.

/** One load: how many requests (or iterations) completed per second, and how long they took. */
export type Measurement = {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
};

export type Ratio = { label: string; value: number };
export type Goal = { description: string; met: boolean };

export type BenchReport = {
  measurements: Measurement[];
  ratios: Ratio[];
  goals: Goal[];
  /** What a reader needs to judge the figures (setup, what the baseline does, anything skipped). */
  notes: string[];
  environment: Record<string, string | number>;
};

export type BenchContext = {
  /** Seconds each measured load runs (PALERMO_BENCH_SECONDS, default 10). */
  seconds: number;
  /** A progress line on stderr. */
  log(line: string): void;
  /** Registers clean-up work; run.ts runs it last-in first-out, also on failure and on Ctrl-C. */
  onCleanup(work: () => Promise<unknown> | unknown): void;
};

export type Bench = {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchReport>;
};

/** Percentile (0..100) of durations in milliseconds, nearest-rank. */
export function percentile(sortedDurations: Float64Array | number[], rank: number): number {
  if (sortedDurations.length === 0) return Number.NaN;
  const index = Math.min(
    sortedDurations.length - 1,
    Math.max(0, Math.ceil((rank / 100) * sortedDurations.length) - 1),
  );
  return sortedDurations[index]!;
}

/** Collects durations in milliseconds without reallocating on every sample. */
export class Durations {
  private samples = new Float64Array(1 << 16);
  private count = 0;

  add(milliseconds: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = milliseconds;
  }

  get size(): number {
    return this.count;
  }

  summary(): { p50Ms: number; p99Ms: number } {
    const sorted = this.samples.slice(0, this.count).sort();
    return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
  }
}
