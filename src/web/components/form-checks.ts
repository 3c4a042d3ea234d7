// What forms do the same way around their own checks and the server's answer: errors found before
// sending are shown in page order, and the server's pointers are renamed to the form's field names.

import { ApiError } from '../api.js';
import type { FormErrors } from './form-errors.js';
import type { Text } from './text.js';

/**
 * The errors a form found itself, by field: the summary follows `order` (the page order) so its
 * links go down the page; a field not in `order` is shown next to the field only.
 */
export function errorsInPageOrder<F extends string>(
  order: readonly F[],
  found: Partial<Record<F, Text>>,
): FormErrors {
  return {
    summary: order
      .filter((name) => found[name] !== undefined)
      .map((name) => ({ field: name, message: found[name] as Text })),
    fields: found as Record<string, Text>,
  };
}

/**
 * The server names fields by where they sit in the request ("/body/identified/occurredOn"); the
 * form by its own names. The last segment that `toForm` knows says which of the form's fields it is
 * ("/body/person/dateOfBirth/day" → dateOfBirth); a pointer it does not know is left as it is.
 */
export function renamePointers(error: ApiError, toForm: Readonly<Record<string, string>>): ApiError {
  const errors = error.problem.errors;
  if (!errors) return error;
  return new ApiError({
    ...error.problem,
    errors: errors.map(({ pointer, detail }) => {
      const segments = pointer.split('/');
      const field = [...segments].reverse().find((segment) => toForm[segment]);
      return { pointer: field ? `/body/${toForm[field]}` : pointer, detail };
    }),
  });
}
