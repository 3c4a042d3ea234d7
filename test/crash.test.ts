import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anInstallation, type Installation, palermoBin, repositoryRoot } from './palermo-process.js';

// A real server process, killed with SIGKILL while writes are in flight, then started again on the
// same data: nothing it acknowledged may be lost, and the audit chain must still verify. Runs on
// PGlite (a data directory on disk), or on a fresh database of the DATABASE_URL server when set.

const ADMIN_EMAIL = 'admin@crash.palermo.example';
const PASSWORD = 'crash test password, long enough';
const WRITERS = 24;
const ACKNOWLEDGED_BEFORE_KILL = 60;

let installation: Installation;
let env: NodeJS.ProcessEnv;
const running = new Set<ChildProcess>();
const output: string[] = [];

beforeAll(async () => {
  installation = await anInstallation({
    PALERMO_INIT_PASSWORD: PASSWORD,
    PALERMO_MFA_REQUIRED: 'false',
    HOST: '127.0.0.1',
    PORT: String(await aFreePort()),
  });
  env = installation.env;
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await installation.remove();
});

describe('a server killed mid-request', () => {
  it('loses no acknowledged write and leaves the audit chain valid', { timeout: 120_000 }, async () => {
    await installation.palermo(
      'init',
      '--email',
      ADMIN_EMAIL,
      '--name',
      'Crash Test Administrator',
      '--organisation',
      'Crash HQ',
    );

    let server = await startServer();
    const firstSession = await signIn();
    const acknowledged = new Set<string>();
    let inFlightAtKill = 0;
    let inFlight = 0;
    let killed = false;
    let next = 0;
    const writer = async () => {
      while (!killed) {
        const name = `Crash organisation ${next++} ${randomBytes(3).toString('hex')}`;
        inFlight += 1;
        try {
          const response = await firstSession.post('/api/organisations', {
            name,
            kind: 'ngo',
            region: 'capital',
          });
          if (response.status === 201) acknowledged.add(((await response.json()) as { id: string }).id);
          else if (!killed) throw new Error(`a write answered ${response.status}: ${await response.text()}`);
        } catch (error) {
          if (!killed) throw error; // before the kill every write must succeed; after it, none can
        } finally {
          inFlight -= 1;
        }
        if (!killed && acknowledged.size >= ACKNOWLEDGED_BEFORE_KILL) {
          killed = true;
          inFlightAtKill = inFlight;
          server.kill('SIGKILL');
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: WRITERS }, writer));
    } finally {
      killed = true;
      server.kill('SIGKILL');
    }
    await exited(server);
    expect(inFlightAtKill).toBeGreaterThan(0);

    server = await startServer();
    const secondSession = await signIn();
    const listed = await secondSession.get('/api/organisations');
    expect(listed.status).toBe(200);
    const stored = new Set(
      ((await listed.json()) as { organisations: { id: string }[] }).organisations.map((o) => o.id),
    );
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    server.kill('SIGTERM'); // PGlite's data directory has one user at a time: stop before verifying
    await exited(server);
    const verified = await installation.palermo('audit', 'verify');
    expect(verified.stdout).toMatch(/The audit chain is intact: \d+ entries/);
    const entries = Number(/intact: (\d+) entries/.exec(verified.stdout)![1]);
    // Every acknowledged organisation was audited in its own transaction (and init made the first entry).
    expect(entries).toBeGreaterThan(acknowledged.size);
  });
});

async function aFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [palermoBin, 'start', '--no-build'], { env, cwd: repositoryRoot });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited while starting:\n${output.join('')}`);
    const health = await fetch(`${baseUrl()}/api/health`).catch(() => null);
    if (health?.status === 200) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer within 45 s:\n${output.join('')}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const baseUrl = () => `http://127.0.0.1:${env.PORT}`;

async function signIn() {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .find((header) => header.startsWith('palermo_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    get: (path: string) => fetch(`${baseUrl()}${path}`, { headers }),
    post: (path: string, body: unknown) =>
      fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}
