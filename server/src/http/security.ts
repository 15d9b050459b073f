import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { SESSION_COOKIE } from '../services/sessions.js';
import { ApiError } from './errors.js';
import { ownOrigin } from './proxy.js';

/**
 * Headers on every answer, pages and API alike. The built client loads only
 * its own scripts and styles (no inline script), so the policy allows `'self'`
 * and nothing else; no page may frame the workbench.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
  });

/** API answers hold account and annotation data: no cache, shared or private, keeps them. */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfRefused = (why: string) =>
  new ApiError(403, 'cross_origin', `Refused: ${why}. State-changing requests must come from the workbench's own pages.`);

/** Why a state-changing request is not known to come from our own origin, or null when it is. */
export function crossOriginReason(c: Context): string | null {
  // Set by the browser itself, which pages cannot forge; trusted before Origin (a dev proxy keeps it true).
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none' ? null : `the request came from a ${site} page`;
  const origin = c.req.header('origin');
  if (origin) return origin.toLowerCase() === ownOrigin(c) ? null : `the request came from ${origin.slice(0, 200)}`;
  // Neither header: not a browser. Scripts without a session cannot ride on anyone's cookie.
  return getCookie(c, SESSION_COOKIE) === undefined ? null : 'a signed-in request without Origin or Sec-Fetch-Site';
}

/**
 * CSRF defence: POST, PUT, PATCH and DELETE must come from the app's own
 * origin (Sec-Fetch-Site or Origin); a request with neither header is let
 * through only when it carries no session cookie.
 */
export const sameOriginOnly = createMiddleware(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const reason = crossOriginReason(c);
    if (reason) throw csrfRefused(reason);
  }
  await next();
});
