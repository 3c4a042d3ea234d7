/**
 * The worker side of LinkagePool (linkage-workers.ts): comparisons of candidate pairs, encodings
 * and Dice scoring of a range of records. A job's shared state (records, encodings, band index)
 * arrives once by broadcast and is kept until released.
 */
import { parentPort } from 'node:worker_threads';
import type { EncodingSchema } from './bloom-encoding.js';
import type { PersonRecord } from './fellegi-sunter.js';
import { compareCandidates, prepareAll } from './plaintext-linkage.js';
import {
  encodePersons,
  type MatchChunkResult,
  type MatchJob,
  type MatchScratch,
  matchChunk,
  prepareMatchScratch,
} from './pprl-linkage.js';
import { type PreparedRecord, Vocabulary } from './prepared-record.js';

export type WorkerTask =
  | {
      kind: 'compare-setup';
      jobId: string;
      left: PersonRecord[];
      right: PersonRecord[];
      referenceDate?: string;
    }
  | { kind: 'compare'; jobId: string; pairLeft: Int32Array; pairRight: Int32Array }
  | { kind: 'encode'; records: PersonRecord[]; schema: EncodingSchema; secret: Uint8Array }
  | { kind: 'match-setup'; job: MatchJob }
  | { kind: 'match'; jobId: string; from: number; to: number }
  | { kind: 'release'; jobId: string };

export type WorkerReply = Uint8Array | MatchChunkResult | null;

let compareJob: { jobId: string; left: PreparedRecord[]; right: PreparedRecord[] } | undefined;
let matchJob: { job: MatchJob; scratch: MatchScratch } | undefined;

function handle(task: WorkerTask): { reply: WorkerReply; transfer: ArrayBuffer[] } {
  switch (task.kind) {
    case 'compare-setup': {
      const vocabulary = new Vocabulary();
      compareJob = {
        jobId: task.jobId,
        left: prepareAll(task.left, vocabulary, task.referenceDate),
        right: prepareAll(task.right, vocabulary, task.referenceDate),
      };
      return { reply: null, transfer: [] };
    }
    case 'compare': {
      if (compareJob?.jobId !== task.jobId) throw new Error(`no comparison job ${task.jobId} on this worker`);
      const levels = compareCandidates(
        compareJob.left,
        compareJob.right,
        task.pairLeft,
        task.pairRight,
        0,
        task.pairLeft.length,
      );
      return { reply: levels, transfer: [levels.buffer as ArrayBuffer] };
    }
    case 'encode': {
      const encodings = encodePersons(task.records, task.schema, task.secret);
      return { reply: encodings, transfer: [encodings.buffer as ArrayBuffer] };
    }
    case 'match-setup':
      matchJob = { job: task.job, scratch: prepareMatchScratch(task.job) };
      return { reply: null, transfer: [] };
    case 'match': {
      if (matchJob?.job.jobId !== task.jobId) throw new Error(`no matching job ${task.jobId} on this worker`);
      const chunk = matchChunk(matchJob.job, matchJob.scratch, task.from, task.to);
      return {
        reply: chunk,
        transfer: [
          chunk.left.buffer as ArrayBuffer,
          chunk.right.buffer as ArrayBuffer,
          chunk.score.buffer as ArrayBuffer,
        ],
      };
    }
    case 'release':
      if (compareJob?.jobId === task.jobId) compareJob = undefined;
      if (matchJob?.job.jobId === task.jobId) matchJob = undefined;
      return { reply: null, transfer: [] };
  }
}

parentPort?.on('message', ({ id, task }: { id: number; task: WorkerTask }) => {
  try {
    const { reply, transfer } = handle(task);
    parentPort!.postMessage({ id, reply }, transfer);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
