import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting, its environment variable and its default. The README's configuration table is
 * written from this list; `palermo config` prints the values in force.
 */
export const settingDefinitions = {
  dataDir: {
    env: 'PALERMO_DATA_DIR',
    default: './data',
    doc: 'PGlite data directory (used when DATABASE_URL is unset)',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    default: '',
    doc: 'PostgreSQL connection string; when set, PGlite is not used',
  },
  host: { env: 'HOST', default: '127.0.0.1', doc: 'Address the server listens on' },
  port: { env: 'PORT', default: '3000', doc: 'Port the server listens on' },
  deployment: {
    env: 'PALERMO_DEPLOYMENT',
    default: 'demo',
    doc: 'Folder under deployments/ with permissions.json and settings.json',
  },
  masterKeyFile: {
    env: 'PALERMO_MASTER_KEY_FILE',
    default: './secrets/master.key',
    doc: 'Master key file (created with mode 0600 when absent); keep it outside the database and its backups',
  },
  auditSigningKeyFile: {
    env: 'PALERMO_AUDIT_SIGNING_KEY_FILE',
    default: './secrets/audit-signing.key',
    doc: 'Ed25519 private key for audit checkpoints (created when absent)',
  },
  sessionIdleMinutes: {
    env: 'PALERMO_SESSION_IDLE_MINUTES',
    default: '30',
    doc: 'A session ends after this many minutes without a request',
  },
  sessionAbsoluteHours: {
    env: 'PALERMO_SESSION_ABSOLUTE_HOURS',
    default: '12',
    doc: 'A session ends this many hours after login, whatever happens',
  },
  mfaRequired: {
    env: 'PALERMO_MFA_REQUIRED',
    default: 'true',
    doc: 'Second factor mandatory for every role that can read identity data',
  },
  loginMaxFailures: {
    env: 'PALERMO_LOGIN_MAX_FAILURES',
    default: '5',
    doc: 'Failed logins before an account or address is locked',
  },
  loginLockMinutes: { env: 'PALERMO_LOGIN_LOCK_MINUTES', default: '15', doc: 'How long a lockout lasts' },
  trustProxy: {
    env: 'PALERMO_TRUST_PROXY',
    default: 'false',
    doc: 'Trust X-Forwarded-* from a TLS-terminating proxy (cookies become Secure)',
  },
  timeZone: {
    env: 'PALERMO_TIME_ZONE',
    default: 'Europe/Bucharest',
    doc: "The installation's time zone; deadlines are calendar dates in it",
  },
  logLevel: { env: 'LOG_LEVEL', default: 'info', doc: 'Log level (fatal, error, warn, info, debug)' },
  pprlSecretFile: {
    env: 'PALERMO_PPRL_SECRET_FILE',
    default: '',
    doc: 'Secret shared with partner installations for cross-border encodings; when empty the exchange hub matches partner uploads only with each other, not with this register',
  },
  exchangeKeyFile: {
    env: 'PALERMO_EXCHANGE_KEY_FILE',
    default: '',
    doc: "This installation's Ed25519 private key (from `palermo pprl keygen`) for identity-exchange messages with partners; when empty no identity can be asked or released",
  },
  demoPassword: {
    env: 'PALERMO_DEMO_PASSWORD',
    default: '',
    doc: 'Password of the demo users; generated and printed once when empty',
  },
} as const;

export type SettingName = keyof typeof settingDefinitions;

const ConfigSchema = z.object({
  dataDir: z.string().min(1),
  databaseUrl: z.string(),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  deployment: z.string().regex(/^[a-z0-9_-]+$/),
  masterKeyFile: z.string().min(1),
  auditSigningKeyFile: z.string().min(1),
  sessionIdleMinutes: z.coerce.number().int().positive(),
  sessionAbsoluteHours: z.coerce.number().int().positive(),
  mfaRequired: z.enum(['true', 'false']).transform((value) => value === 'true'),
  loginMaxFailures: z.coerce.number().int().positive(),
  loginLockMinutes: z.coerce.number().int().positive(),
  trustProxy: z.enum(['true', 'false']).transform((value) => value === 'true'),
  timeZone: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  pprlSecretFile: z.string(),
  exchangeKeyFile: z.string(),
  demoPassword: z.string(),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const raw = Object.fromEntries(
    Object.entries(settingDefinitions).map(([name, definition]) => [
      name,
      env[definition.env] ?? definition.default,
    ]),
  );
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path[0] as SettingName;
    throw new Error(`setting ${settingDefinitions[name].env} is invalid: ${issue.message}`);
  }
  const config = { ...parsed.data, ...overrides };
  return {
    ...config,
    dataDir: resolve(config.dataDir),
    masterKeyFile: resolve(config.masterKeyFile),
    auditSigningKeyFile: resolve(config.auditSigningKeyFile),
  };
}
