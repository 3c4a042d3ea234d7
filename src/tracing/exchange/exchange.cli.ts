/**
 * `palermo pprl keygen | sign | export`: the files an installation exchanges with its partners
 * (issue 5 acceptance 4; docs/decisions/0025). keygen and sign need no installation; export opens
 * this installation's register, encodes its open reports and signs the file.
 */
import type { KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../../db/database.js';
import { commandLine } from '../../security/actor.js';
import { appendAudit } from '../../security/audit.store.js';
import { auditActor } from '../../security/audit-entry.js';
import type { Keyring } from '../../security/keyring.js';
import { writeWhole } from '../linkage-file.js';
import { readClkBytes, readSecretFile, serialiseClk } from '../pprl-file.js';
import { encodeOpenReports } from './own-register.js';
import { readPrivateKeyFile, signClk, writeKeyPair } from './signature.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

export function registerExchangeCommands(
  pprl: Command,
  refusingBadInput: (work: () => Promise<void>) => Promise<void>,
): void {
  pprl
    .command('keygen')
    .description(
      "Make this installation's Ed25519 key pair for signing encoding files (private key 0600, .pub)",
    )
    .requiredOption('--out <file>', 'where to write the private key; the public key goes to <file>.pub')
    .action((options: { out: string }) =>
      refusingBadInput(async () => {
        const { publicKeyFile, fingerprint } = writeKeyPair(options.out);
        say(
          `Key pair written: ${basename(options.out)} (private, mode 0600; keep it on this installation) and ${basename(publicKeyFile)} (give it to the partners). Fingerprint ${fingerprint}.`,
        );
      }),
    );

  pprl
    .command('sign')
    .description('Sign a .clk file with Ed25519 (covers header and records) for a partner or the hub')
    .requiredOption('--in <file>', '.clk file from `palermo pprl encode` or `export`')
    .requiredOption('--key-file <file>', 'private key from `palermo pprl keygen`')
    .requiredOption('--out <file>', 'where to write the signed file')
    .action((options: { in: string; keyFile: string; out: string }) =>
      refusingBadInput(async () => {
        const key = readPrivateKeyFile(options.keyFile);
        const signed = signClk(readClkBytes(options.in), options.in, key);
        writeWhole(options.out, signed);
        say(`${basename(options.in)} signed to ${basename(options.out)}.`);
      }),
    );

  pprl
    .command('export')
    .description(
      "Encode this installation's open missing-person reports under the shared secret and sign the file",
    )
    .requiredOption('--out <file>', 'where to write the signed .clk file')
    .requiredOption('--secret-file <file>', 'the secret shared with the partner installations')
    .requiredOption('--key-file <file>', 'private key from `palermo pprl keygen`')
    .action((options: { out: string; secretFile: string; keyFile: string }) =>
      refusingBadInput(async () => {
        const secret = readSecretFile(options.secretFile);
        const key = readPrivateKeyFile(options.keyFile);
        // The composition root, loaded here so that the file commands need no installation.
        const { openPlatform, applyMigrations } = await import('../../main.js');
        const { loadConfig } = await import('../../config.js');
        const { platform } = await openPlatform(loadConfig(), {
          warn: (message) => process.stderr.write(`warning: ${message}\n`),
        });
        try {
          await applyMigrations(platform.db);
          const count = await exportOpenReports(platform, secret, key, options.out);
          say(`${count} open reports encoded and signed to ${basename(options.out)}.`);
        } finally {
          await platform.db.close();
        }
      }),
    );
}

/** Writes the signed file of the open reports and audits the export (a count, no reference). */
export async function exportOpenReports(
  platform: { db: Database; keyring: Keyring },
  secret: Uint8Array,
  key: KeyObject,
  out: string,
): Promise<number> {
  const { file } = await encodeOpenReports(platform.db, platform.keyring, secret);
  const bytes = serialiseClk(file.header, file.ids, file.encodings);
  writeWhole(out, signClk(bytes, out, key));
  await platform.db.transaction((tx) =>
    appendAudit(tx, {
      occurredAt: new Date(),
      actor: auditActor(commandLine),
      action: 'exchange.export',
      outcome: 'success',
      details: { records: file.header.count },
    }),
  );
  return file.header.count;
}
