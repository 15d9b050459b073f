import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error meant for the client: status, a stable code, a readable message. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'invalid_input', message, details);
export const unauthorized = () => new ApiError(401, 'unauthorized', 'Sign in first.');
export const forbidden = (message = 'You may not do this.') => new ApiError(403, 'forbidden', message);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found.`);
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);

/** A zod failure as a 400 whose message names each offending field. */
export function validationError(
  error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> },
  where: string,
): ApiError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ApiError(400, 'invalid_input', `Invalid ${where}: ${message}`, { issues });
}

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/**
 * Input PostgreSQL refuses where SQLite takes it (issue 15): text with a NUL character, a number past its
 * column's range. The request is at fault, not the server: the same 400 on both engines' terms.
 */
const PG_INPUT_ERRORS: Record<string, string> = {
  '22021': 'Text may not contain the NUL character (\\u0000).',
  '22P05': 'Text may not contain the NUL character (\\u0000).',
  '22003': 'A number is out of range.',
};
/** The 400 message for input PostgreSQL refused (anywhere in the error's causes), else undefined. */
export function pgInputError(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++)
    if (typeof e.code === 'string' && e.code in PG_INPUT_ERRORS) return PG_INPUT_ERRORS[e.code];
  return undefined;
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  const pgInput = pgInputError(err);
  if (pgInput) return c.json(errorBody('invalid_input', pgInput), 400);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'too_large' : status === 400 ? 'invalid_input' : 'http_error';
    return c.json(errorBody(code, err.message || 'Request failed.'), status);
  }
  if (err instanceof SyntaxError) return c.json(errorBody('invalid_input', 'Malformed JSON body.'), 400);
  console.error(err);
  return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
};

export const notFoundHandler = (c: Context) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}.`), 404);
