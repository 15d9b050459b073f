import { zValidator } from '@hono/zod-validator';
import { illFormedPath } from '@mbw/shared';
import type { z } from 'zod';
import { badRequest, validationError } from './errors.js';

/** A 400 naming the field whose string holds a lone surrogate (not storable as it was sent). */
export function refuseIllFormed(value: unknown, where: string): void {
  const path = illFormedPath(value);
  if (path !== null)
    throw badRequest(`Invalid ${where}: ${path}: is not well-formed Unicode (it holds a lone surrogate)`, {
      issues: [{ path, message: 'is not well-formed Unicode (it holds a lone surrogate)' }],
    });
}

// zod-validator's default answer is its own shape; ours names the field in
// the `{error: {code, message, details}}` envelope of every other error.
// (Three literal calls, not one generic helper: the typed client infers each
// route's input from the literal target.)
export const validJson = <S extends z.ZodType>(schema: S) =>
  zValidator('json', schema, (r) => {
    if (!r.success) throw validationError(r.error, 'body');
    refuseIllFormed(r.data, 'body');
  });

export const validParam = <S extends z.ZodType>(schema: S) =>
  zValidator('param', schema, (r) => {
    if (!r.success) throw validationError(r.error, 'path');
    refuseIllFormed(r.data, 'path');
  });

export const validQuery = <S extends z.ZodType>(schema: S) =>
  zValidator('query', schema, (r) => {
    if (!r.success) throw validationError(r.error, 'query');
    refuseIllFormed(r.data, 'query');
  });
