/**
 * This installation as a client of a partner's hub (docs/decisions/0026): it posts a signed
 * identity-exchange message and reads the answer. Pull only: the partner never pushes into this
 * installation, so this installation's hub need not be reachable from abroad.
 */

import { createPublicKey, type KeyObject } from 'node:crypto';
import type { SignedEnvelope } from './identity-message.js';
import { publicKeyFingerprint, readPrivateKeyFile } from './signature.js';

/** How long a partner's hub has to answer. */
export const HUB_TIMEOUT_MS = 20_000;

export type HubAnswer =
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'unreachable'; reason: string };

/** The paths of a hub's identity-exchange endpoints. */
export const hubPaths = {
  request: '/api/exchange/hub/identity-requests',
  answer: '/api/exchange/hub/identity-requests/answer',
  withdrawal: '/api/exchange/hub/identity-requests/withdrawal',
} as const;

export async function sendToHub(hubUrl: string, path: string, envelope: SignedEnvelope): Promise<HubAnswer> {
  let url: URL;
  try {
    url = new URL(path, hubUrl);
  } catch {
    return { kind: 'unreachable', reason: 'the partner’s hub address is not a URL' };
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
      body: JSON.stringify(envelope),
      signal: AbortSignal.timeout(HUB_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    return { kind: 'answered', status: response.status, body };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'no connection';
    return { kind: 'unreachable', reason };
  }
}

/** This installation's signing key for identity-exchange messages, when configured. */
export type InstallationKey = { privateKey: KeyObject; fingerprint: string };

export function loadInstallationKey(file: string): InstallationKey | null {
  if (file === '') return null;
  const privateKey = readPrivateKeyFile(file);
  return { privateKey, fingerprint: publicKeyFingerprint(createPublicKey(privateKey)) };
}
