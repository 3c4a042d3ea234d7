// Same-origin JSON calls to the Palermo API. Errors arrive as RFC 9457 problem+json and are thrown as
// ApiError, so screens can map them to messages and form fields.

import { getLanguage } from './i18n.js';

export type FieldProblem = { pointer: string; detail: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  /** From the x-request-id response header, shown to users as a support reference. */
  requestId?: string;
  [extension: string]: unknown;
};

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

export const networkProblemType = '/problems/client/network';

/** Problem types that are an answer to what the user typed, not a sign that the session ended. */
const credentialProblemTypes = new Set(['/problems/auth/invalid-credentials', '/problems/auth/invalid-code']);

type ApiHooks = { csrfToken: () => string | null; sessionEnded: () => void };
const hooks: ApiHooks = { csrfToken: () => null, sessionEnded: () => {} };

/** Called once by the session store, so that calls carry the CSRF token and a lapsed session is noticed. */
export function configureApi(next: ApiHooks): void {
  Object.assign(hooks, next);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ type: networkProblemType, title: 'Network error', status: 0 });
}

async function request<T>(method: string, path: string, body?: unknown, csrf = true): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': getLanguage(),
  };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    const token = csrf ? hooks.csrfToken() : null;
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  } catch {
    throw new ApiError({ type: networkProblemType, title: 'Network error', status: 0 });
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const problem = await readProblem(response);
  if (problem.status === 401 && !credentialProblemTypes.has(problem.type) && path !== '/api/auth/session') {
    hooks.sessionEnded();
  }
  throw new ApiError(problem);
}

async function readProblem(response: Response): Promise<Problem> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  const base: Problem = { type: 'about:blank', title: response.statusText, status: response.status };
  const problem = parsed && typeof parsed === 'object' ? { ...base, ...(parsed as Partial<Problem>) } : base;
  if (requestId && !problem.requestId) problem.requestId = requestId;
  return problem;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, options: { csrf?: boolean } = {}) =>
    request<T>('POST', path, body, options.csrf ?? true),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
