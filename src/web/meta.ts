// Reference lists from GET /api/meta, loaded once per page load.

import type { Role } from '../security/ui/roles.js';
import { api } from './api.js';
import { type Resource, useResource } from './resource.js';

export type Region = { code: string; name: string };
export type Meta = { roles: Role[]; organisationKinds: string[]; regions: Region[] };

let cached: Promise<Meta> | null = null;

function loadMeta(): Promise<Meta> {
  cached ??= api.get<Meta>('/api/meta').catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

export function useMeta(): Resource<Meta> {
  return useResource('meta', loadMeta);
}

export function regionName(meta: Meta | undefined, code: string | null): string {
  if (!code) return '';
  return meta?.regions.find((region) => region.code === code)?.name ?? code;
}
