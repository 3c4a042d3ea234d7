// A tiny composable SQL template: values never touch the query text, so SQL metacharacters in
// user input are inert. Fragments nest (permission rules compile to fragments).

export type SqlValue = unknown;

export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly (SqlValue | SqlFragment)[],
  ) {}

  /** Compiles to `$1, $2 …` placeholders, numbering from `offset + 1`. */
  compile(offset = 0): { text: string; values: SqlValue[] } {
    const values: SqlValue[] = [];
    const walk = (fragment: SqlFragment): string => {
      let text = fragment.strings[0] ?? '';
      fragment.values.forEach((value, index) => {
        if (value instanceof SqlFragment) text += walk(value);
        else {
          values.push(value);
          text += `$${offset + values.length}`;
        }
        text += fragment.strings[index + 1] ?? '';
      });
      return text;
    };
    return { text: walk(this), values };
  }
}

export function sql(strings: TemplateStringsArray, ...values: (SqlValue | SqlFragment)[]): SqlFragment {
  return new SqlFragment([...strings], values);
}

/** Trusted SQL text: identifiers and keywords chosen by code, never by a request. */
sql.raw = (text: string): SqlFragment => new SqlFragment([text], []);

sql.join = (fragments: readonly SqlFragment[], separator = ', '): SqlFragment => {
  if (fragments.length === 0) return sql.raw('');
  const strings = [''];
  for (let index = 1; index < fragments.length; index++) strings.push(separator);
  strings.push('');
  return new SqlFragment(strings, fragments);
};

sql.true = new SqlFragment(['true'], []);
sql.false = new SqlFragment(['false'], []);

export const anyOf = (fragments: readonly SqlFragment[]): SqlFragment =>
  fragments.length === 0 ? sql.false : sql`(${sql.join(fragments, ' or ')})`;
export const allOf = (fragments: readonly SqlFragment[]): SqlFragment =>
  fragments.length === 0 ? sql.true : sql`(${sql.join(fragments, ' and ')})`;
