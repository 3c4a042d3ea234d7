#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: one package, no separate build of the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
