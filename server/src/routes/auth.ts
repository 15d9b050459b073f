import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { changePasswordSchema, loginSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { ApiError } from '../http/errors.js';
import { clientAddress, isHttps } from '../http/proxy.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson } from '../http/validate.js';
import { changeOwnPassword } from '../services/accounts.js';
import { clearFailures, recordFailure, retryAfterMs, throttleKeys } from '../services/loginThrottle.js';
import { createSession, endSession, SESSION_COOKIE, SESSION_DAYS } from '../services/sessions.js';
import { authenticate } from '../services/users.js';

export const authRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .post('/login', validJson(loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const keys = throttleKeys(username, clientAddress(c));
      const wait = await retryAfterMs(db, keys);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        c.header('Retry-After', String(seconds));
        throw new ApiError(429, 'too_many_attempts', `Too many failed sign-ins: try again in ${seconds} s.`, { retryAfter: seconds });
      }
      const user = await authenticate(db, username, password);
      if (!user) {
        await recordFailure(db, keys);
        throw new ApiError(401, 'bad_credentials', 'Wrong username or password.');
      }
      await clearFailures(db, keys);
      setCookie(c, SESSION_COOKIE, await createSession(db, user.id), {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        // Behind a TLS proxy (TRUST_PROXY=1) X-Forwarded-Proto: https says the browser used HTTPS.
        secure: isHttps(c),
        maxAge: SESSION_DAYS * 86_400,
      });
      return c.json({ user }, 200);
    })
    .post('/logout', requireUser(db), async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await endSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true }, 200);
    })
    .get('/me', requireUser(db), (c) => c.json({ user: c.var.user }, 200))
    .post('/password', requireUser(db), validJson(changePasswordSchema), async (c) => {
      // Every other session of the account ends; this one stays signed in.
      await changeOwnPassword(db, c.var.user, getCookie(c, SESSION_COOKIE)!, c.req.valid('json'));
      return c.json({ ok: true }, 200);
    });
