/**
 * `palermo link` and `palermo pprl encode | match`: the linkage engine on files, so that anyone
 * can evaluate it on their own data (issue 5, acceptance 6). No database and no installation is
 * needed. Bad input stops the command with a message naming the file and line, before anything
 * is written; outputs are written whole or not at all.
 */
import { basename } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { EncodingSchema, Hardening } from './bloom-encoding.js';
import { registerExchangeCommands } from './exchange/exchange.cli.js';
import { readPublicKeyFile, readVerifiedClk, trustedKeys } from './exchange/signature.js';
import { LinkageInputError, matchesCsv, readPersonFile, writeWhole } from './linkage-file.js';
import { defaultWorkerCount, LinkagePool } from './linkage-workers.js';
import { DEFAULT_LINK_THRESHOLD, linkPersonRecords } from './plaintext-linkage.js';
import { checkComparable, headerFor, readClkBytes, readSecretFile, serialiseClk } from './pprl-file.js';
import { defaultDiceThreshold, encodePersons, matchClkFiles, pprlEncodingSchema } from './pprl-linkage.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Stage lines on stderr, once a run has taken more than two seconds. */
function progressLine(): (line: string) => void {
  const started = Date.now();
  return (line) => {
    if (Date.now() - started >= 2000) process.stderr.write(`${line}\n`);
  };
}

function probabilityOption(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 1)
    throw new InvalidArgumentError('a number above 0 and at most 1');
  return number;
}

function workerOption(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 64)
    throw new InvalidArgumentError('a whole number from 1');
  return number;
}

function dateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('a date as YYYY-MM-DD');
  return value;
}

/** Runs a command body; an input error prints every line of its message and exits 1. */
async function refusingBadInput(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof LinkageInputError)) throw error;
    process.stderr.write(`palermo: ${error.message.split('\n').join('\npalermo: ')}\n`);
    process.stderr.write('palermo: nothing was written\n');
    process.exitCode = 1;
  }
}

async function withPool<T>(workers: number, work: (pool: LinkagePool | undefined) => Promise<T>): Promise<T> {
  const pool = workers > 1 ? new LinkagePool(workers) : undefined;
  try {
    return await work(pool);
  } finally {
    await pool?.close();
  }
}

const today = () => new Date().toISOString().slice(0, 10);

export function registerLinkageCommands(program: Command): void {
  program
    .command('link')
    .description('Link two person files in plaintext (Fellegi–Sunter); writes left_id,right_id,probability')
    .requiredOption(
      '--left <file>',
      'CSV with id,given_name,family_name,sex,birth_date,age_estimate,nationality,birth_place',
    )
    .requiredOption('--right <file>', 'CSV with the same columns')
    .requiredOption('--out <file>', 'where to write the accepted one-to-one matches (CSV)')
    .addOption(
      new Option('--threshold <probability>', 'lowest match probability accepted')
        .argParser(probabilityOption)
        .default(DEFAULT_LINK_THRESHOLD),
    )
    .addOption(
      new Option('--reference-date <date>', 'the day age estimates were made (default: today)').argParser(
        dateOption,
      ),
    )
    .addOption(
      new Option('--workers <n>', 'worker threads').argParser(workerOption).default(defaultWorkerCount()),
    )
    .action(
      (options: {
        left: string;
        right: string;
        out: string;
        threshold: number;
        referenceDate?: string;
        workers: number;
      }) =>
        refusingBadInput(async () => {
          const referenceDate = options.referenceDate ?? today();
          const left = readPersonFile(options.left, { referenceDate });
          const right = readPersonFile(options.right, { referenceDate });
          const progress = progressLine();
          const outcome = await withPool(options.workers, (pool) =>
            linkPersonRecords(left.records, right.records, {
              threshold: options.threshold,
              referenceDate,
              progress,
              ...(pool ? { pool } : {}),
            }),
          );
          writeWhole(options.out, matchesCsv(outcome.matches));
          say(
            `${outcome.matches.length} matches written to ${basename(options.out)} (${left.records.length} × ${right.records.length} records, ${outcome.candidatePairs} candidate pairs compared, threshold ${options.threshold}).`,
          );
        }),
    );

  const pprl = program
    .command('pprl')
    .description('Privacy-preserving linkage: encode person files, match encodings (no plaintext leaves)');

  pprl
    .command('encode')
    .description('Encode a person file as Bloom-filter encodings (.clk) under a shared secret')
    .requiredOption(
      '--in <file>',
      'CSV with id,given_name,family_name,sex,birth_date,age_estimate,nationality,birth_place',
    )
    .requiredOption('--secret-file <file>', 'the secret shared by the installations (at least 16 bytes)')
    .requiredOption('--out <file>', 'where to write the .clk file')
    .addOption(
      new Option('--reference-date <date>', 'the day age estimates were made (default: today)').argParser(
        dateOption,
      ),
    )
    .addOption(
      new Option('--hardening <kind>', 'hardening against frequency attacks')
        .choices(['balance', 'xorFold', 'none'])
        .default(pprlEncodingSchema.hardening),
    )
    .addOption(
      new Option('--workers <n>', 'worker threads').argParser(workerOption).default(defaultWorkerCount()),
    )
    .action(
      (options: {
        in: string;
        secretFile: string;
        out: string;
        referenceDate?: string;
        hardening: Hardening;
        workers: number;
      }) =>
        refusingBadInput(async () => {
          const secret = readSecretFile(options.secretFile);
          const { records } = readPersonFile(options.in, { referenceDate: options.referenceDate ?? today() });
          const schema: EncodingSchema = { ...pprlEncodingSchema, hardening: options.hardening };
          const header = headerFor(schema, records.length, secret);
          const encodings = new Uint8Array(records.length * header.encodingBytes);
          const workers = records.length >= 20_000 ? options.workers : 1;
          await withPool(workers, async (pool) => {
            if (pool === undefined) {
              encodings.set(encodePersons(records, schema, secret));
              return;
            }
            const chunkSize = Math.ceil(records.length / (workers * 8));
            const starts: number[] = [];
            for (let from = 0; from < records.length; from += chunkSize) starts.push(from);
            const progress = progressLine();
            const replies = await pool.map(
              starts.map((from) => ({
                kind: 'encode',
                records: records.slice(from, from + chunkSize),
                schema,
                secret: new Uint8Array(secret),
              })),
              (done) => progress(`encoding: ${Math.round((100 * done) / starts.length)}%`),
            );
            replies.forEach((reply, index) => {
              encodings.set(reply as Uint8Array, starts[index]! * header.encodingBytes);
            });
          });
          writeWhole(
            options.out,
            serialiseClk(
              header,
              records.map((record) => record.id),
              encodings,
            ),
          );
          say(
            `${records.length} records encoded to ${basename(options.out)} (schema version ${schema.version}, ${schema.hardening}).`,
          );
        }),
    );

  pprl
    .command('match')
    .description(
      'Match two .clk files (LSH blocking, Sørensen–Dice, one-to-one); writes left_id,right_id,similarity',
    )
    .requiredOption('--left <file>', '.clk file from `palermo pprl encode`')
    .requiredOption('--right <file>', '.clk file encoded under the same schema and secret')
    .requiredOption('--out <file>', 'where to write the accepted one-to-one matches (CSV)')
    .addOption(
      new Option(
        '--threshold <similarity>',
        'lowest Dice similarity accepted (default by hardening: balance 0.9, none 0.8, xorFold 0.75)',
      ).argParser(probabilityOption),
    )
    .addOption(
      new Option('--workers <n>', 'worker threads').argParser(workerOption).default(defaultWorkerCount()),
    )
    .option(
      '--partner-key <file...>',
      'public key (.pub) of a partner whose signed files are accepted; a signed file is verified against these',
    )
    .action(
      (options: {
        left: string;
        right: string;
        out: string;
        threshold?: number;
        workers: number;
        partnerKey?: string[];
      }) =>
        refusingBadInput(async () => {
          // Signed files (exchange between installations) are read only if signed by a given key.
          const trusted = trustedKeys((options.partnerKey ?? []).map(readPublicKeyFile));
          const open = (file: string) =>
            readVerifiedClk(readClkBytes(file), file, trusted, { requireSignature: false }).file;
          const left = open(options.left);
          const right = open(options.right);
          checkComparable(left, right, options.left, options.right);
          const threshold = options.threshold ?? defaultDiceThreshold[left.header.schema.hardening];
          const workers = left.header.count * right.header.count >= 1e8 ? options.workers : 1;
          const outcome = await withPool(workers, (pool) =>
            matchClkFiles(left, right, { threshold, progress: progressLine(), ...(pool ? { pool } : {}) }),
          );
          writeWhole(options.out, matchesCsv(outcome.matches, 'similarity'));
          say(
            `${outcome.matches.length} matches written to ${basename(options.out)} (${left.header.count} × ${right.header.count} encodings, ${outcome.comparisons} comparisons, threshold ${threshold}).`,
          );
        }),
    );

  registerExchangeCommands(pprl, refusingBadInput);
}
