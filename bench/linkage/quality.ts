/**
 * Precision, recall and F1 of both linkage paths on generated data (issue 5, acceptance 7): the
 * CSV text goes through the same reader as the command, the records through the same engine.
 */
import type { Hardening } from '../../src/tracing/bloom-encoding.js';
import type { PersonRecord } from '../../src/tracing/fellegi-sunter.js';
import { parsePersonFile } from '../../src/tracing/linkage-file.js';
import type { LinkagePool } from '../../src/tracing/linkage-workers.js';
import type { LshParameters } from '../../src/tracing/lsh.js';
import { DEFAULT_LINK_THRESHOLD, linkPersonRecords } from '../../src/tracing/plaintext-linkage.js';
import { type ClkFile, headerFor } from '../../src/tracing/pprl-file.js';
import {
  defaultDiceThreshold,
  encodePersons,
  matchClkFiles,
  pprlEncodingSchema,
} from '../../src/tracing/pprl-linkage.js';
import { type GeneratedLinkage, linkageQuality, toCsv } from './generate.js';

export type Quality = ReturnType<typeof linkageQuality>;

export function generatedRecords(generated: GeneratedLinkage): {
  left: PersonRecord[];
  right: PersonRecord[];
} {
  const options = { referenceDate: generated.referenceDate };
  return {
    left: parsePersonFile(toCsv(generated.left), 'left.csv', options).records,
    right: parsePersonFile(toCsv(generated.right), 'right.csv', options).records,
  };
}

export async function plaintextQuality(
  generated: GeneratedLinkage,
  options: { threshold?: number; pool?: LinkagePool } = {},
): Promise<Quality> {
  const { left, right } = generatedRecords(generated);
  const outcome = await linkPersonRecords(left, right, {
    threshold: options.threshold ?? DEFAULT_LINK_THRESHOLD,
    referenceDate: generated.referenceDate,
    ...(options.pool ? { pool: options.pool } : {}),
  });
  return linkageQuality(outcome.matches, generated.truth);
}

export const benchSecret = new Uint8Array(32).fill(7);

export function clkOf(records: readonly PersonRecord[], hardening: Hardening, secret = benchSecret): ClkFile {
  const schema = { ...pprlEncodingSchema, hardening };
  return {
    header: headerFor(schema, records.length, secret),
    ids: records.map((record) => record.id),
    encodings: encodePersons(records, schema, secret),
  };
}

export async function pprlQuality(
  generated: GeneratedLinkage,
  options: { hardening?: Hardening; threshold?: number; lsh?: LshParameters; pool?: LinkagePool } = {},
): Promise<Quality & { comparisons: number }> {
  const hardening = options.hardening ?? pprlEncodingSchema.hardening;
  const { left, right } = generatedRecords(generated);
  const outcome = await matchClkFiles(clkOf(left, hardening), clkOf(right, hardening), {
    threshold: options.threshold ?? defaultDiceThreshold[hardening],
    ...(options.lsh ? { lsh: options.lsh } : {}),
    ...(options.pool ? { pool: options.pool } : {}),
  });
  return { ...linkageQuality(outcome.matches, generated.truth), comparisons: outcome.comparisons };
}
