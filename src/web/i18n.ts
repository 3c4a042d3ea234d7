// The one place text comes from. Each capability keeps its own messages next to its screens
// (`<capability>/ui/messages.ts`, exporting `{ en, ro }`); they are merged here.
//
// Messages use a small subset of ICU MessageFormat: `{name}`, `{n, plural, =0 {…} one {…} few {…} other {…}}`
// with `#` for the formatted number, and `{x, select, a {…} other {…}}`. Plural categories come from
// Intl.PluralRules, so Romanian gets one / few / other ("1 caz", "2 cazuri", "20 de cazuri").
// Apostrophes are plain text (no ICU quoting); use the typographic ’ in copy.

import { messages as casesMessages } from '../cases/ui/messages.js';
import { messages as directoryMessages } from '../directory/ui/messages.js';
import { messages as identificationMessages } from '../identification/ui/messages.js';
import { messages as securityMessages } from '../security/ui/messages.js';
import { messages as caseDuplicateMessages } from '../tracing/duplicates/ui/messages.js';
import { messages as exchangeMessages } from '../tracing/exchange/ui/messages.js';
import { messages as tracingMessages } from '../tracing/register/ui/messages.js';
import { messages as webMessages } from './messages.js';

export const languages = ['en', 'ro'] as const;
export type Language = (typeof languages)[number];

const en = {
  ...webMessages.en,
  ...securityMessages.en,
  ...directoryMessages.en,
  ...casesMessages.en,
  ...identificationMessages.en,
  ...tracingMessages.en,
  ...exchangeMessages.en,
  ...caseDuplicateMessages.en,
};
export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;

const ro: Dictionary = {
  ...webMessages.ro,
  ...securityMessages.ro,
  ...directoryMessages.ro,
  ...casesMessages.ro,
  ...identificationMessages.ro,
  ...tracingMessages.ro,
  ...exchangeMessages.ro,
  ...caseDuplicateMessages.ro,
};

export const dictionaries: Record<Language, Dictionary> = { en, ro };

/** BCP 47 locales used for Intl formatting. */
export const locales: Record<Language, string> = { en: 'en-GB', ro: 'ro-RO' };

/** Language names are always written in their own language. */
export const languageNames: Record<Language, string> = { en: 'English', ro: 'Română' };

/** The installation's time zone; the demo country uses Europe/Bucharest (UX.md §4). */
export const timeZone = 'Europe/Bucharest';

export type MessageParams = Record<string, string | number>;

const storageKey = 'palermo.language';
const listeners = new Set<() => void>();
let current: Language = readStoredLanguage();

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function readStoredLanguage(): Language {
  try {
    const stored = globalThis.sessionStorage?.getItem(storageKey);
    return isLanguage(stored) ? stored : 'en';
  } catch {
    return 'en';
  }
}

export function getLanguage(): Language {
  return current;
}

/** Switches language. Only the language code is stored (sessionStorage), never anything personal. */
export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  try {
    globalThis.sessionStorage?.setItem(storageKey, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts until the page is reloaded.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  for (const listener of listeners) listener();
}

export function subscribeToLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Translates a key in the current language (or the one given). */
export function t(key: MessageKey, params: MessageParams = {}, language: Language = current): string {
  const pattern = dictionaries[language][key] ?? dictionaries.en[key] ?? key;
  return formatMessage(pattern, params, language);
}

export function formatNumber(value: number, language: Language = current): string {
  return new Intl.NumberFormat(locales[language]).format(value);
}

/** A date and time for tables: "27 Mar 2007, 14:05" / "27.03.2007, 14:05". 24-hour clock. */
export function formatDateTime(iso: string, language: Language = current): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions =
    language === 'ro'
      ? { day: '2-digit', month: '2-digit', year: 'numeric' }
      : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(locales[language], {
    ...options,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
}

/** Sorts text the way the language does (ș after s in Romanian). */
export function compareText(a: string, b: string, language: Language = current): number {
  return new Intl.Collator(locales[language]).compare(a, b);
}

// ---- ICU subset ------------------------------------------------------------------------------------

export function formatMessage(pattern: string, params: MessageParams, language: Language): string {
  return formatPart(pattern, params, language, undefined);
}

function formatPart(
  pattern: string,
  params: MessageParams,
  language: Language,
  pluralValue: number | undefined,
): string {
  let out = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '{') {
      const end = findClosingBrace(pattern, index);
      out += formatArgument(pattern.slice(index + 1, end), params, language);
      index = end + 1;
    } else if (char === '#' && pluralValue !== undefined) {
      out += formatNumber(pluralValue, language);
      index += 1;
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}

function findClosingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let index = open; index < pattern.length; index += 1) {
    if (pattern[index] === '{') depth += 1;
    else if (pattern[index] === '}') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  throw new Error(`Unbalanced braces in message: ${pattern}`);
}

function formatArgument(argument: string, params: MessageParams, language: Language): string {
  const firstComma = argument.indexOf(',');
  const name = (firstComma === -1 ? argument : argument.slice(0, firstComma)).trim();
  const value = params[name];
  if (firstComma === -1) {
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? formatNumber(value, language) : value;
  }
  const rest = argument.slice(firstComma + 1);
  const secondComma = rest.indexOf(',');
  const kind = rest.slice(0, secondComma).trim();
  const options = parseOptions(rest.slice(secondComma + 1));
  if (kind === 'plural') {
    const count = Number(value);
    const exact = options.get(`=${count}`);
    const category = new Intl.PluralRules(locales[language]).select(count);
    const chosen = exact ?? options.get(category) ?? options.get('other') ?? '';
    return formatPart(chosen, params, language, count);
  }
  if (kind === 'select') {
    const chosen = options.get(String(value)) ?? options.get('other') ?? '';
    return formatPart(chosen, params, language, undefined);
  }
  throw new Error(`Unknown message argument type "${kind}"`);
}

function parseOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  let index = 0;
  while (index < text.length) {
    while (index < text.length && /\s/.test(text[index] ?? '')) index += 1;
    if (index >= text.length) break;
    const open = text.indexOf('{', index);
    if (open === -1) throw new Error(`Malformed message options: ${text}`);
    const selector = text.slice(index, open).trim();
    const close = findClosingBrace(text, open);
    options.set(selector, text.slice(open + 1, close));
    index = close + 1;
  }
  return options;
}

/** The names of the parameters a message uses, for checking that both languages agree. */
export function parameterNames(pattern: string): string[] {
  const names = new Set<string>();
  const visit = (part: string) => {
    let index = 0;
    while (index < part.length) {
      if (part[index] === '{') {
        const end = findClosingBrace(part, index);
        const argument = part.slice(index + 1, end);
        const comma = argument.indexOf(',');
        names.add((comma === -1 ? argument : argument.slice(0, comma)).trim());
        if (comma !== -1) {
          const rest = argument.slice(comma + 1);
          for (const body of parseOptions(rest.slice(rest.indexOf(',') + 1)).values()) visit(body);
        }
        index = end + 1;
      } else index += 1;
    }
  };
  visit(pattern);
  return [...names].sort();
}
