/**
 * A small pool of worker threads for the file linkage commands: comparisons, encodings and Dice
 * scoring run on every core (issue 5, acceptance 6). Workers run linkage.worker.ts through tsx,
 * as the `palermo` command itself does. Tasks are handed out as workers become free; state a job
 * needs on every worker (the records, the encodings) is sent once with `broadcast`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerTask } from './linkage.worker.js';

/** Where tsx's register API is (import.meta.resolve is missing under vitest). */
function tsxApi(): string {
  // require.resolve finds the CommonJS entry; its ES module twin sits next to it.
  const commonJs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const module = commonJs.replace(/\.cjs$/, '.mjs');
  return pathToFileURL(existsSync(module) ? module : commonJs).href;
}

export const defaultWorkerCount = (): number => Math.max(1, Math.min(availableParallelism(), 8));

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
}

export class LinkagePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Set when a worker failed: every later task is refused rather than left waiting. */
  private failure: Error | undefined;

  constructor(readonly size: number) {
    const tsx = tsxApi();
    const entry = new URL('./linkage.worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
    for (let index = 0; index < size; index += 1) {
      const worker = new Worker(bootstrap, { eval: true });
      worker.on('message', (message: { id: number; reply?: WorkerReply; error?: string }) => {
        const pending = this.pending.get(message.id);
        if (pending === undefined) return;
        this.pending.delete(message.id);
        if (message.error !== undefined) pending.reject(new Error(message.error));
        else pending.resolve(message.reply!);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`a linkage worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  private closing = false;

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  private send(worker: Worker, task: WorkerTask, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, task }, transfer);
    });
  }

  /** The same task on every worker (setting up a job's state). */
  async broadcast(task: WorkerTask): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.send(worker, task)));
  }

  /** Tasks spread over the workers as they become free; replies in task order. */
  async map(tasks: readonly WorkerTask[], onDone?: (done: number) => void): Promise<WorkerReply[]> {
    const replies: WorkerReply[] = new Array(tasks.length);
    let next = 0;
    let done = 0;
    await Promise.all(
      this.workers.map(async (worker) => {
        while (next < tasks.length) {
          const taskIndex = next++;
          replies[taskIndex] = await this.send(worker, tasks[taskIndex]!);
          done += 1;
          onDone?.(done);
        }
      }),
    );
    return replies;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** A progress line on stderr at most every two seconds, and only for runs that take a while. */
export function progressReporter(
  label: string,
  total: number,
  write: (line: string) => void,
): (done: number) => void {
  const started = Date.now();
  let last = started;
  return (done) => {
    const now = Date.now();
    if (now - last < 2000 && done < total) return;
    if (now - started < 2000) return;
    last = now;
    write(`${label}: ${Math.round((100 * done) / total)}% (${((now - started) / 1000).toFixed(0)} s)`);
  };
}
