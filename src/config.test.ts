import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, settingDefinitions } from './config.js';

describe('configuration', () => {
  it('documents every setting with its default in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const definition of Object.values(settingDefinitions)) {
      const shownDefault = definition.default === '' ? '(empty)' : `\`${definition.default}\``;
      expect(readme, definition.env).toContain(`| \`${definition.env}\` | ${shownDefault} |`);
    }
  });

  it('refuses an invalid setting, naming its variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PALERMO_MFA_REQUIRED: 'maybe' })).toThrow(/PALERMO_MFA_REQUIRED/);
  });
});
