/**
 * The hub's matching of one upload (issue 5 acceptance 4; docs/decisions/0025): the uploaded
 * encodings meet the latest upload of every other registered partner under the same schema and
 * secret, and — when this installation holds the shared secret — its own open reports, encoded on
 * the spot. Each meeting is LSH blocking, Sørensen–Dice and greedy one-to-one (pprl-linkage.ts),
 * at the hardening's default threshold. What comes out is record numbers and similarities only.
 */
import type { Queryable } from '../../db/database.js';
import type { Keyring } from '../../security/keyring.js';
import { type ClkFile, parseClk, schemaOf } from '../pprl-file.js';
import { defaultDiceThreshold, matchClkFiles } from '../pprl-linkage.js';
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

export async function matchUpload(
  db: Queryable,
  keyring: Keyring,
  upload: { file: ClkFile; partnerId: string },
  own: { secret: Uint8Array | null; countryCode: string },
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
    const outcome = await matchClkFiles(file, otherFile, { threshold });
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
      const outcome = await matchClkFiles(file, encoded.file, { threshold });
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
