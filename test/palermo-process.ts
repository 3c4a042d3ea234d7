import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

// A throw-away installation for tests that run `palermo` as a real process: its own folder for
// PGlite data and key files, or a fresh database on the DATABASE_URL server when that is set.

export const palermoBin = new URL('../bin/palermo.js', import.meta.url).pathname;
export const repositoryRoot = new URL('..', import.meta.url).pathname;

export type CommandOutcome = { code: number; stdout: string; stderr: string };

export type Installation = {
  folder: string;
  env: NodeJS.ProcessEnv;
  /** Runs a command to its end, whatever its exit code. */
  run(...args: string[]): Promise<CommandOutcome>;
  /** Runs a command; rejects with its output when it exits non-zero. */
  palermo(...args: string[]): Promise<CommandOutcome>;
  remove(): Promise<void>;
};

export async function anInstallation(settings: Record<string, string> = {}): Promise<Installation> {
  const folder = mkdtempSync(join(tmpdir(), 'palermo-process-'));
  const { DATABASE_URL: serverUrl, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PALERMO_DATA_DIR: join(folder, 'data'),
    PALERMO_MASTER_KEY_FILE: join(folder, 'secrets', 'master.key'),
    PALERMO_AUDIT_SIGNING_KEY_FILE: join(folder, 'secrets', 'audit-signing.key'),
    LOG_LEVEL: 'warn',
    ...settings,
  };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (serverUrl) {
    const name = `palermo_process_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  }
  const run = (...args: string[]) =>
    new Promise<CommandOutcome>((resolve) => {
      execFile(
        process.execPath,
        [palermoBin, ...args],
        { env, cwd: repositoryRoot },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  return {
    folder,
    env,
    run,
    async palermo(...args) {
      const outcome = await run(...args);
      if (outcome.code !== 0)
        throw new Error(
          `palermo ${args.join(' ')} failed (${outcome.code}):\n${outcome.stdout}\n${outcome.stderr}`,
        );
      return outcome;
    },
    async remove() {
      await dropDatabase?.();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
