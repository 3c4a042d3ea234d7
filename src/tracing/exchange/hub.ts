/**
 * The hub's matching of one upload (issue 5 acceptance 4; docs/decisions/0025): the uploaded
 * encodings meet the latest upload of every other registered partner under the same schema and
 * secret, and — when this installation holds the shared secret — its own open reports, encoded on
 * the spot. Each meeting is LSH blocking, Sørensen–Dice and greedy one-to-one (pprl-linkage.ts),
 * at the hardening's default threshold. What comes out is record numbers and similarities only.
 */
import type { Queryable } from '../../db/database.js';
import type { Keyring } from '../../security/keyring.js';
import { LinkagePool } from '../linkage-workers.js';
import { type ClkFile, parseClk, schemaOf } from '../pprl-file.js';
import { defaultDiceThreshold, matchClkFiles, type PprlMatchOutcome } from '../pprl-linkage.js';
import { latestUploadsOfOtherPartners } from './exchange.store.js';
import { encodeOpenReports } from './own-register.js';

/** A candidate pair as the hub answers it: the uploader's record, the other side's record and country. */
export type HubCandidate = {
  left_id: string;
  right_id: string;
  /** The country of the other side's installation. */
  right_country: string;
  similarity: number;
  /** null: this installation's own register. */
  otherPartnerId: string | null;
};

/** The schema as the hub compares it: equal keys, comparable encodings. */
export const schemaKeyOf = (file: ClkFile): string => JSON.stringify(file.header.schema);

/**
 * Below this many pairs (left × right encodings) a meeting is scored on the request thread: small
 * files finish in milliseconds and starting workers would cost more. Above it the scoring goes to
 * worker threads so that a large upload does not stop the server answering (`palermo pprl match`
 * draws the same line at 1e8 for a command that has nothing else to do).
 */
export const HUB_POOL_THRESHOLD_PAIRS = 5e6;
/** Worker threads of the hub: the server keeps the other core(s) for its requests. */
export const HUB_WORKERS = 2;

/** Whether a meeting of these two files is scored on the worker threads. */
export const usesWorkers = (
  left: ClkFile,
  right: ClkFile,
  thresholdPairs = HUB_POOL_THRESHOLD_PAIRS,
): boolean => left.ids.length * right.ids.length >= thresholdPairs;

/**
 * The hub's matching off the event loop. The worker pool is created on the first large meeting and
 * kept for the next ones; `close` stops it (the server's onClose). Blocking (band keys) and the
 * one-to-one solving still run in this thread: matchClkFiles hands only the scoring to the pool.
 */
export class HubMatcher {
  private pool: LinkagePool | undefined;
  /** Meetings scored on the workers, for the tests and the log. */
  pooledMeetings = 0;

  constructor(private readonly options: { thresholdPairs?: number; workers?: number } = {}) {}

  async match(left: ClkFile, right: ClkFile, threshold: number): Promise<PprlMatchOutcome> {
    if (!usesWorkers(left, right, this.options.thresholdPairs))
      return matchClkFiles(left, right, { threshold });
    this.pool ??= new LinkagePool(this.options.workers ?? HUB_WORKERS);
    this.pooledMeetings += 1;
    return matchClkFiles(left, right, { threshold, pool: this.pool });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}

export async function matchUpload(
  db: Queryable,
  keyring: Keyring,
  upload: { file: ClkFile; partnerId: string },
  own: { secret: Uint8Array | null; countryCode: string },
  matcher: HubMatcher,
): Promise<{ candidates: HubCandidate[]; ownReportIds: Map<string, string> }> {
  const { file } = upload;
  const threshold = defaultDiceThreshold[file.header.schema.hardening];
  const candidates: HubCandidate[] = [];
  const others = await latestUploadsOfOtherPartners(
    db,
    upload.partnerId,
    schemaKeyOf(file),
    file.header.keyCheck,
  );
  for (const other of others) {
    // Verified when it was received; read again from the stored bytes.
    const otherFile = parseClk(other.content, 'stored upload', { signatureVerified: true });
    const outcome = await matcher.match(file, otherFile, threshold);
    for (const match of outcome.matches)
      candidates.push({
        left_id: match.leftId,
        right_id: match.rightId,
        right_country: other.countryCode,
        similarity: match.probability,
        otherPartnerId: other.partnerId,
      });
  }
  let ownReportIds = new Map<string, string>();
  if (own.secret !== null) {
    const encoded = await encodeOpenReports(db, keyring, own.secret, schemaOf(file.header));
    ownReportIds = encoded.reportIds;
    if (encoded.file.ids.length > 0 && file.ids.length > 0) {
      const outcome = await matcher.match(file, encoded.file, threshold);
      for (const match of outcome.matches)
        candidates.push({
          left_id: match.leftId,
          right_id: match.rightId,
          right_country: own.countryCode,
          similarity: match.probability,
          otherPartnerId: null,
        });
    }
  }
  return { candidates, ownReportIds };
}
