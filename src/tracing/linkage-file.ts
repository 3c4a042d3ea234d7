/**
 * The person files `palermo link` and `palermo pprl encode` read (issue 5, acceptance 6): UTF-8
 * CSV with a header row and exactly the columns
 * `id,given_name,family_name,sex,birth_date,age_estimate,nationality,birth_place` (any order).
 * A file is read whole and checked whole before anything is matched: any bad row stops the run
 * with a message naming the file and the line, and no output is written.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BirthDateEvidence } from './dates.js';
import type { PersonRecord } from './fellegi-sunter.js';

export const personFileColumns = [
  'id',
  'given_name',
  'family_name',
  'sex',
  'birth_date',
  'age_estimate',
  'nationality',
  'birth_place',
] as const;

export type PersonFileColumn = (typeof personFileColumns)[number];

/** A refused input file: the message names the file and, where there is one, the line. */
export class LinkageInputError extends Error {}

/** The most problems listed before giving up on a file. */
const MAX_LISTED_PROBLEMS = 10;

/** Oldest age estimate taken as plausible. */
const MAX_AGE_ESTIMATE = 130;

/**
 * RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks. Yields each row
 * with the line it starts on. Throws on a quote left open or text after a closing quote.
 */
export function* csvRows(text: string, file: string): Generator<{ line: number; fields: string[] }> {
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  while (position < length) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[position] === '"') {
        position += 1;
        for (;;) {
          const quote = text.indexOf('"', position);
          if (quote === -1)
            throw new LinkageInputError(`${file}, line ${startLine}: a quoted field is never closed`);
          field += text.slice(position, quote);
          for (let index = position; index < quote; index += 1) if (text[index] === '\n') line += 1;
          position = quote + 1;
          if (text[position] === '"') {
            field += '"';
            position += 1;
            continue;
          }
          break;
        }
        const next = text[position];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          throw new LinkageInputError(`${file}, line ${startLine}: text after a closing quote`);
      } else {
        let end = position;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === 44 || code === 10 || code === 13) break;
          end += 1;
        }
        field = text.slice(position, end);
        if (field.includes('"'))
          throw new LinkageInputError(`${file}, line ${startLine}: a quote inside an unquoted field`);
        position = end;
      }
      fields.push(field);
      if (text[position] === ',') {
        position += 1;
        continue;
      }
      if (text[position] === '\r') position += 1;
      if (text[position] === '\n') position += 1;
      line += 1;
      break;
    }
    // A blank line (one empty field) is skipped, as spreadsheets leave them at the end.
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: startLine, fields };
  }
}

const datePattern = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` or `YYYY`: a date that exists, not in the future of the reference day. */
function readBirthDate(text: string): BirthDateEvidence | string {
  const parts = datePattern.exec(text);
  if (parts === null) return `birth_date "${text}" is not YYYY-MM-DD or YYYY`;
  const year = Number(parts[1]);
  if (parts[2] === undefined) return { year };
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return `birth_date "${text}" is not a date that exists`;
  return { year, month, day };
}

export interface PersonFile {
  file: string;
  records: PersonRecord[];
}

/**
 * Read and check a person file. Names may be in any script; sex is M, F or empty; birth_date
 * `YYYY-MM-DD`, `YYYY` or empty; age_estimate whole years or empty (used when there is no
 * birth date, as estimated on `referenceDate`); nationality ISO 3166-1 alpha-3 or empty; ids
 * present and unique.
 */
export function parsePersonFile(
  text: string,
  file: string,
  options: { referenceDate?: string } = {},
): PersonFile {
  const name = basename(file);
  const rows = csvRows(text, name);
  const header = rows.next();
  if (header.done) throw new LinkageInputError(`${name}: the file is empty; it needs a header row`);
  const columns = header.value.fields.map((column) => column.trim());
  const unknown = columns.filter((column) => !(personFileColumns as readonly string[]).includes(column));
  if (unknown.length > 0)
    throw new LinkageInputError(
      `${name}, line 1: unknown column ${unknown.map((column) => `"${column}"`).join(', ')}; the columns are ${personFileColumns.join(',')}`,
    );
  const absent = personFileColumns.filter((column) => !columns.includes(column));
  if (absent.length > 0) throw new LinkageInputError(`${name}, line 1: missing column ${absent.join(', ')}`);
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (repeated.length > 0)
    throw new LinkageInputError(`${name}, line 1: column ${repeated[0]} appears twice`);
  const at = Object.fromEntries(
    personFileColumns.map((column) => [column, columns.indexOf(column)]),
  ) as Record<PersonFileColumn, number>;

  const problems: string[] = [];
  const records: PersonRecord[] = [];
  const ids = new Map<string, number>();
  for (const { line, fields } of rows) {
    const problem = (detail: string) => problems.push(`${name}, line ${line}: ${detail}`);
    if (fields.length !== columns.length) {
      problem(`malformed row: ${fields.length} fields where the header has ${columns.length}`);
    } else {
      const value = (column: PersonFileColumn) => fields[at[column]]!.trim();
      const record: PersonRecord = { id: value('id') };
      const before = problems.length;
      if (record.id === '') problem('id is empty');
      else if (ids.has(record.id)) problem(`id "${record.id}" already on line ${ids.get(record.id)}`);
      else ids.set(record.id, line);
      const given = value('given_name');
      const family = value('family_name');
      if (given !== '') record.givenName = given;
      if (family !== '') record.familyName = family;
      const sex = value('sex');
      if (sex === 'M' || sex === 'F') record.sex = sex;
      else if (sex !== '') problem(`sex "${sex}" is not M, F or empty`);
      const birthDate = value('birth_date');
      const ageEstimate = value('age_estimate');
      if (birthDate !== '') {
        const birth = readBirthDate(birthDate);
        if (typeof birth === 'string') problem(birth);
        else record.birth = birth;
      }
      if (ageEstimate !== '') {
        if (!/^\d{1,3}$/.test(ageEstimate) || Number(ageEstimate) > MAX_AGE_ESTIMATE)
          problem(`age_estimate "${ageEstimate}" is not whole years (0–${MAX_AGE_ESTIMATE})`);
        else if (record.birth === undefined) {
          record.birth = { aboutAge: Number(ageEstimate) };
          if (options.referenceDate !== undefined) record.birth.estimatedOn = options.referenceDate;
        }
      }
      const nationality = value('nationality');
      if (/^[A-Z]{3}$/.test(nationality)) record.nationality = nationality;
      else if (nationality !== '')
        problem(`nationality "${nationality}" is not an ISO 3166-1 alpha-3 code (three capital letters)`);
      const place = value('birth_place');
      if (place !== '') record.birthPlace = place;
      if (problems.length === before) records.push(record);
    }
    if (problems.length >= MAX_LISTED_PROBLEMS) break;
  }
  if (problems.length > 0) throw new LinkageInputError(problems.join('\n'));
  return { file, records };
}

export function readPersonFile(file: string, options: { referenceDate?: string } = {}): PersonFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new LinkageInputError(
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkageInputError(`${basename(file)}: is not valid UTF-8`);
  }
  return parsePersonFile(text, file, options);
}

/**
 * Write a whole file or nothing: into a temporary file next to it, renamed into place at the
 * end, so that an interrupted run never leaves half a matches file.
 */
export function writeWhole(file: string, content: string | Uint8Array): void {
  const temporary = `${file}.partial-${process.pid}`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export interface AcceptedMatch {
  leftId: string;
  rightId: string;
  probability: number;
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function matchesCsv(matches: readonly AcceptedMatch[], scoreColumn = 'probability'): string {
  const lines = [`left_id,right_id,${scoreColumn}`];
  for (const match of matches)
    lines.push(`${csvField(match.leftId)},${csvField(match.rightId)},${match.probability.toFixed(6)}`);
  return `${lines.join('\n')}\n`;
}
