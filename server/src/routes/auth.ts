import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { changePasswordSchema, loginSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { ApiError } from '../http/errors.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson } from '../http/validate.js';
import { changeOwnPassword } from '../services/accounts.js';
import { createSession, endSession, SESSION_COOKIE, SESSION_DAYS } from '../services/sessions.js';
import { authenticate } from '../services/users.js';

export const authRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .post('/login', validJson(loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const user = await authenticate(db, username, password);
      if (!user) throw new ApiError(401, 'bad_credentials', 'Wrong username or password.');
      setCookie(c, SESSION_COOKIE, createSession(db, user.id), {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: SESSION_DAYS * 86_400,
      });
      return c.json({ user }, 200);
    })
    .post('/logout', requireUser(db), (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) endSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true }, 200);
    })
    .get('/me', requireUser(db), (c) => c.json({ user: c.var.user }, 200))
    .post('/password', requireUser(db), validJson(changePasswordSchema), async (c) => {
      // Every other session of the account ends; this one stays signed in.
      await changeOwnPassword(db, c.var.user, getCookie(c, SESSION_COOKIE)!, c.req.valid('json'));
      return c.json({ ok: true }, 200);
    });
