// RFC 9457 problem details. Every error leaves the server in this shape; `detail` describes the
// request, never a person, and no stack trace or internal message ever reaches a client.

export type FieldError = { pointer: string; detail: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

/** A problem type's fixed parts: `title` never varies for a `type`. */
export type ProblemShape = { status: number; title: string };

export const problem = (
  type: string,
  shape: ProblemShape,
  extensions: Record<string, unknown> = {},
): Problem => ({
  type,
  ...shape,
  ...extensions,
});

export const notFound = (what: string): Problem =>
  problem('/problems/not-found', { status: 404, title: 'Not found' }, { detail: `No ${what} with this id` });

export const validationProblem = (errors: FieldError[]): Problem =>
  problem('/problems/validation', { status: 400, title: 'The request is not valid' }, { errors });

export const internalProblem = (requestId: string): Problem =>
  problem(
    '/problems/internal',
    { status: 500, title: 'Something went wrong on our side' },
    { detail: `Nothing was changed. Quote reference ${requestId} to support.` },
  );

/** Thrown by the security layer so that no handler can forget to stop. Rendered by the one error handler. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}
