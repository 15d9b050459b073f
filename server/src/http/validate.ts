import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { validationError } from './errors.js';

// zod-validator's default answer is its own shape; ours names the field in
// the `{error: {code, message, details}}` envelope of every other error.
export const validJson = <S extends z.ZodType>(schema: S) =>
  zValidator('json', schema, (r) => {
    if (!r.success) throw validationError(r.error, 'body');
  });

export const validParam = <S extends z.ZodType>(schema: S) =>
  zValidator('param', schema, (r) => {
    if (!r.success) throw validationError(r.error, 'path');
  });

export const validQuery = <S extends z.ZodType>(schema: S) =>
  zValidator('query', schema, (r) => {
    if (!r.success) throw validationError(r.error, 'query');
  });
