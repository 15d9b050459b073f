import { Hono } from 'hono';
import { createUserSchema, idParamSchema, updateUserSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { forbidden } from '../http/errors.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam } from '../http/validate.js';
import { updateUser } from '../services/accounts.js';
import { requireSupervisor } from '../services/access.js';
import { createUser, listUsers } from '../services/users.js';

export const userRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/', async (c) => {
      requireSupervisor(c.var.user);
      return c.json({ users: await listUsers(db) }, 200);
    })
    .post('/', validJson(createUserSchema), async (c) => {
      requireSupervisor(c.var.user);
      const input = c.req.valid('json');
      if (input.role === 'admin' && c.var.user.role !== 'admin') throw forbidden('Only admins may create admin accounts.');
      return c.json({ user: await createUser(db, c.var.user.id, input) }, 201);
    })
    .patch('/:id', validParam(idParamSchema), validJson(updateUserSchema), async (c) => {
      return c.json({ user: await updateUser(db, c.var.user, c.req.valid('param').id, c.req.valid('json')) }, 200);
    });
