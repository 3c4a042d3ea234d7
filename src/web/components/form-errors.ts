// Turns a problem+json answer into what a form shows: an error summary and messages next to fields.

import { type ApiError, networkProblemType } from '../api.js';
import type { ErrorItem } from './ErrorSummary.js';
import type { Text } from './text.js';

export type FormErrors = { summary: ErrorItem[]; fields: Record<string, Text> };

export const noErrors: FormErrors = { summary: [], fields: {} };

/** '/body/contactPoint/phone' → 'phone'; '/body/roles/0' → 'roles'. */
export function fieldFromPointer(pointer: string): string | null {
  const segments = pointer.split('/').filter(Boolean).map(decodePointerSegment);
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    const segment = segments[index];
    if (segment !== undefined && !/^\d+$/.test(segment)) return segment === 'body' ? null : segment;
  }
  return null;
}

function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** One error for one field, shown the same way in the summary and next to the field. */
export function fieldError(field: string, message: Text): FormErrors {
  return { summary: [{ field, message }], fields: { [field]: message } };
}

/** A problem that belongs to no field. */
export function formError(message: Text): FormErrors {
  return { summary: [{ message }], fields: {} };
}

/**
 * Maps the server's problem to the form. `fieldNames` lists the form's fields in page order; the
 * summary follows that order so that its links go down the page.
 */
export function problemToFormErrors(error: ApiError, fieldNames: readonly string[]): FormErrors {
  const problem = error.problem;
  const fieldProblems = problem.errors ?? [];
  if (fieldProblems.length > 0) {
    const fields: Record<string, Text> = {};
    const others: ErrorItem[] = [];
    for (const { pointer, detail } of fieldProblems) {
      const field = fieldFromPointer(pointer);
      const message: Text = detail?.trim() ? detail : { key: 'form.error.checkField' };
      if (field && fieldNames.includes(field)) fields[field] ??= message;
      else others.push({ message });
    }
    const summary: ErrorItem[] = fieldNames
      .filter((field) => fields[field] !== undefined)
      .map((field) => ({ field, message: fields[field] as Text }));
    return { summary: [...summary, ...others], fields };
  }
  return formError(generalProblemText(error));
}

/** Words for a problem that the screen has no specific message for. */
export function generalProblemText(error: ApiError): Text {
  const { status, type, detail, title, requestId } = error.problem;
  const reference = requestId ? { reference: requestId } : undefined;
  if (type === networkProblemType || status === 0) return { key: 'error.network' };
  if (status === 403) return { key: 'error.forbidden' };
  if (status === 404) return { key: 'error.notFound' };
  if (status >= 500 || !(detail ?? title)) {
    return reference ? { key: 'error.serverWithReference', params: reference } : { key: 'error.server' };
  }
  return detail ?? title;
}
