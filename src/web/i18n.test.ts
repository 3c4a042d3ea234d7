import { describe, expect, it } from 'vitest';
import { messages as directoryMessages } from '../directory/ui/messages.js';
import { messages as securityMessages } from '../security/ui/messages.js';
import { dictionaries, formatMessage, type MessageKey, parameterNames, t } from './i18n.js';
import { messages as webMessages } from './messages.js';

const en = dictionaries.en;
const ro = dictionaries.ro;
const keys = Object.keys(en) as MessageKey[];

describe('dictionaries', () => {
  it('have every key in both languages', () => {
    expect(Object.keys(ro).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty values', () => {
    for (const language of [en, ro]) {
      for (const key of keys) expect(language[key]?.trim(), key).toBeTruthy();
    }
  });

  it('do not let one capability overwrite another’s keys', () => {
    const sources = [webMessages.en, securityMessages.en, directoryMessages.en].map((source) =>
      Object.keys(source),
    );
    const all = sources.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('use the same parameters in both languages', () => {
    for (const key of keys) expect(parameterNames(ro[key]), key).toEqual(parameterNames(en[key]));
  });

  it('write Romanian with comma-below ș and ț, never the cedilla forms', () => {
    for (const key of keys) expect(ro[key], key).not.toMatch(/[şţŞŢ]/);
  });

  it('are not English text left untranslated in Romanian', () => {
    const sameOnPurpose = new Set<MessageKey>([
      'title.page',
      'shell.serviceName',
      'role.auditor',
      'audit.actorKind.system',
    ]);
    for (const key of keys) {
      if (!sameOnPurpose.has(key)) expect(ro[key], key).not.toBe(en[key]);
    }
  });
});

describe('plurals', () => {
  it('use the Romanian categories one / few / other', () => {
    const count = (n: number) => t('organisations.count', { count: n }, 'ro');
    expect(count(1)).toBe('1 organizație');
    expect(count(2)).toBe('2 organizații');
    expect(count(19)).toBe('19 organizații');
    expect(count(20)).toBe('20 de organizații');
    expect(count(0)).toBe('0 organizații');
    expect(count(101)).toBe('101 organizații');
    expect(count(120)).toBe('120 de organizații');
  });

  it('format the number the way the language does', () => {
    expect(t('users.count', { count: 1234 }, 'ro')).toBe('1.234 de utilizatori');
    expect(t('users.count', { count: 1234 }, 'en')).toBe('1,234 users');
    expect(t('users.count', { count: 1 }, 'en')).toBe('1 user');
  });

  it('prefer an exact match such as =0', () => {
    expect(t('audit.olderLoaded', { count: 0 }, 'en')).toBe('There are no older entries.');
    expect(t('audit.olderLoaded', { count: 3 }, 'ro')).toBe('S-au afișat 3 înregistrări mai vechi.');
    expect(t('audit.olderLoaded', { count: 50 }, 'ro')).toBe('S-au afișat 50 de înregistrări mai vechi.');
  });

  it('render every message in both languages without throwing', () => {
    for (const language of ['en', 'ro'] as const) {
      for (const key of keys) {
        const params = Object.fromEntries(parameterNames(en[key]).map((name) => [name, 2]));
        expect(() => t(key, params, language), key).not.toThrow();
      }
    }
  });
});

describe('formatMessage', () => {
  it('fills in parameters and selects', () => {
    expect(formatMessage('Hello {name}', { name: 'Ana' }, 'en')).toBe('Hello Ana');
    expect(
      formatMessage('{gender, select, female {atribuită} other {atribuit}}', { gender: 'female' }, 'ro'),
    ).toBe('atribuită');
    expect(
      formatMessage('{gender, select, female {atribuită} other {atribuit}}', { gender: 'x' }, 'ro'),
    ).toBe('atribuit');
  });
});
