import { Hono } from 'hono';
import { addMemberSchema, idParamSchema, removeMemberSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam } from '../http/validate.js';
import { addMember, listMembers, removeMember } from '../services/members.js';

/** `/api/projects/:id/members`: who supervises and annotates a project (supervisor members and admins). */
export const memberRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/members', validParam(idParamSchema), async (c) =>
      c.json({ members: await listMembers(db, c.var.user, c.req.valid('param').id) }, 200),
    )
    .post('/:id/members', validParam(idParamSchema), validJson(addMemberSchema), async (c) =>
      c.json({ member: await addMember(db, c.var.user, c.req.valid('param').id, c.req.valid('json')) }, 201),
    )
    .delete('/:id/members', validParam(idParamSchema), validJson(removeMemberSchema), async (c) => {
      await removeMember(db, c.var.user, c.req.valid('param').id, c.req.valid('json').userId);
      return c.body(null, 204);
    });
