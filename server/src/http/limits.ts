import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError, errorBody } from './errors.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Login and the other small JSON routes (accounts, members, assignments, submit…). */
export const SMALL_BODY_BYTES = 64 * KiB;
/** Spans, relations, gold, curation and schemes: a long note or a scheme with many labels fits. */
export const SPAN_BODY_BYTES = 4 * MiB;
/** Imports (`/import` and `/import-jobs` files, `POST /articles` batches): `IMPORT_MAX_BYTES`, 200 MiB unless set. */
export function importBodyBytes(): number {
  const set = Number(process.env.IMPORT_MAX_BYTES);
  return Number.isSafeInteger(set) && set > 0 ? set : 200 * MiB;
}

const IMPORT_ROUTES = [/^\/api\/projects\/[^/]+\/(import|import-jobs|articles)\/?$/];
const SPAN_ROUTES = [
  /^\/api\/projects\/?$/,
  /^\/api\/projects\/[^/]+\/(scheme|labels|curation\/.*)\/?$/,
  /^\/api\/articles\/[^/]+\/(annotations|relations|gold|curation\/.*)\/?$/,
  /^\/api\/(annotations|relations|gold)(\/.*)?$/,
];

/** The largest body this path accepts. */
export function bodyLimitFor(path: string): number {
  if (IMPORT_ROUTES.some((r) => r.test(path))) return importBodyBytes();
  if (SPAN_ROUTES.some((r) => r.test(path))) return SPAN_BODY_BYTES;
  return SMALL_BODY_BYTES;
}

const tooLarge = (max: number) => (c: Context) =>
  c.json(errorBody('too_large', `The request body is over ${formatBytes(max)}, this route's limit.`, { limit: max }), 413);

const formatBytes = (n: number) => (n >= MiB ? `${+(n / MiB).toFixed(1)} MiB` : `${+(n / KiB).toFixed(1)} KiB`);

/** Per-route body limits, refused with 413 before the body is read (Content-Length) or as soon as it passes the limit. */
export const bodyLimits = (): MiddlewareHandler => {
  const cache = new Map<number, MiddlewareHandler>();
  return (c, next) => {
    // What hono's bodyLimit does first, without touching `c.req.raw.body`: on the Node server that
    // builds a whole web Request and stream for the body, which the JSON parser would otherwise read
    // directly (≈ a tenth of a span write, issue 13). GET and HEAD have no body there either.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const max = bodyLimitFor(c.req.path);
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return parseInt(length, 10) > max ? Promise.resolve(tooLarge(max)(c)) : next();
    let limit = cache.get(max);
    if (!limit) cache.set(max, (limit = bodyLimit({ maxSize: max, onError: tooLarge(max) })));
    return limit(c, next);
  };
};

/**
 * The content types each import format declares. A form on a foreign page
 * can only send urlencoded, multipart or text/plain bodies; only `txt` takes
 * text/plain (and the Origin check refuses foreign pages anyway).
 */
const IMPORT_TYPES: Record<string, string[]> = {
  jsonl: ['application/x-ndjson', 'application/jsonl', 'application/json', 'application/octet-stream'],
  txt: ['text/plain', 'application/octet-stream'],
};
const OTHER_IMPORT_TYPES = ['application/json', 'application/x-ndjson', 'application/jsonl', 'application/octet-stream', 'application/zip', 'text/tab-separated-values', 'text/plain', 'application/ld+json'];

/** 415 unless the import's body has a content type its format declares. */
export const importContentType = createMiddleware(async (c, next) => {
  if (c.req.method === 'POST') {
    const format = c.req.query('format') ?? 'jsonl';
    const allowed = IMPORT_TYPES[format] ?? OTHER_IMPORT_TYPES;
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!allowed.includes(type))
      throw new ApiError(415, 'unsupported_media_type', `An import with format=${format.slice(0, 40)} must be sent as ${allowed.join(', ')}, not ${type || 'no content type'}.`, {
        field: 'content-type',
        allowed,
      });
  }
  await next();
});
