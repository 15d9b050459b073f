/**
 * The contract of issue 10's people routes: project members, one's own
 * password, and account changes by admins and supervisors.
 */
import { z } from 'zod';
import { createUserSchema, roleSchema } from './api.js';

/** The same rule as for a new account's password (one rule, wherever a password is set). */
export const newPasswordSchema = createUserSchema.shape.password;

export const memberRoleSchema = z.enum(['supervisor', 'annotator']);
export type MemberRole = z.infer<typeof memberRoleSchema>;

export const addMemberSchema = z.object({
  userId: z.number().int().positive(),
  role: memberRoleSchema,
});

export const removeMemberSchema = z.object({ userId: z.number().int().positive() });

export interface ProjectMember {
  userId: number;
  username: string;
  displayName: string;
  /** The account's role. */
  accountRole: z.infer<typeof roleSchema>;
  /** The role in this project; `creator` for the supervisor who created it. */
  role: MemberRole | 'creator';
}

export const changePasswordSchema = z.object({
  current: z.string().min(1).max(1000),
  password: newPasswordSchema,
});

export const updateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: newPasswordSchema.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one of displayName, role, disabled, password' });

/** `DELETE /api/projects/:id/assignments`: these annotators from these articles. */
export const removeAssignmentsSchema = z.object({
  annotatorIds: z.array(z.number().int().positive()).min(1),
  articleIds: z.array(z.number().int().positive()).min(1),
});

export const confirmQuerySchema = z.object({
  /** `true`: go ahead although work exists (it is kept). */
  confirm: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** What an unassignment touches: assignments removed, and the work in them (kept, restorable by assigning again). */
export interface UnassignCounts {
  assignments: number;
  /** Assignments with spans or submitted. */
  withWork: number;
  spans: number;
  submitted: number;
}
