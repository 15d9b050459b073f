import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { SESSION_COOKIE, userForSession } from '../services/sessions.js';
import { unauthorized } from './errors.js';
import { idempotent } from './idempotency.js';

export type AppEnv = { Variables: { user: User } };

/** Lets the request through only with a live session; puts its user in `c.var.user`. */
export const requireUser = (db: Db) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // Every sub-app mounted on a prefix (six on /articles) runs its own copy: the first one in a
    // request looks the session up and claims the Idempotency-Key, the others pass (a second claim answered 409).
    if (c.get('user')) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await userForSession(db, token) : null;
    if (!user) throw unauthorized();
    c.set('user', user);
    // Creating requests with an Idempotency-Key run once per key (double clicks, retries).
    return idempotent(db, c, user.id, next);
  });
