import { eq } from 'drizzle-orm';
import { isReservedUsername, usernameSchema, type ImportAnnotator } from '@mbw/shared';
import { users } from '../db/tables.js';
import { badRequest } from '../http/errors.js';
import type { Tx } from './audit.js';

/** A login hash no password matches: imported annotator accounts stay locked until given one. */
export const LOCKED = 'locked$imported';

/** An annotator name as a file uses it: where it first appears and how many spans it has. */
export interface FoundName {
  name: string;
  line: number;
  spans: number;
}

const USERNAME_MAX = 50;
const SUFFIX = '-import';

/**
 * Decides the account of every name in a file. A name goes to an existing
 * account only through `annotatorMap`; otherwise to a new locked account
 * named like it when that username is free, or `<name>-import`,
 * `<name>-import-2`, … when it is taken. A name that is no valid username
 * must be mapped (`problem` says so). An unknown target account is a 400
 * naming `annotatorMap.<name>`. Call it inside the import's transaction.
 */
export async function planAnnotators(tx: Tx, found: FoundName[], annotatorMap: Record<string, string> = {}): Promise<ImportAnnotator[]> {
  const known = await allUsernames(tx);
  const demo = await demoUsernames(tx);
  for (const [name, target] of Object.entries(annotatorMap)) {
    const problem = !known.has(target) ? `there is no account "${target}"` : demo.has(target) ? `"${target}" is a demo account (for looking at, never given work)` : null;
    if (problem) throw badRequest(`Invalid query: annotatorMap.${name}: ${problem}`, { issues: [{ path: `annotatorMap.${name}`, message: problem }] });
  }
  const taken = new Set(known);
  return found.map(({ name, line, spans }): ImportAnnotator => {
    const existing = known.has(name);
    // Own keys only: a name such as "constructor" is not in an empty map.
    const target = Object.hasOwn(annotatorMap, name) ? annotatorMap[name] : undefined;
    if (target !== undefined) return { name, line, spans, existing, action: 'map', account: target };
    // A reserved name (`gold`…) is never an account: it goes to `gold-import` like a taken one.
    const valid = usernameSchema.safeParse(isReservedUsername(name) ? freeName(name, taken) : name);
    if (!valid.success)
      return { name, line, spans, existing, action: 'create', account: null, problem: `${JSON.stringify(name)} is no valid username (${valid.error.issues[0]!.message}): map it to an existing account` };
    const account = taken.has(name) || isReservedUsername(name) ? freeName(name, taken) : name;
    taken.add(account);
    return { name, line, spans, existing, action: 'create', account };
  });
}

/** Every username there is (accounts are few; one query, no per-name patterns). */
async function allUsernames(tx: Tx): Promise<Set<string>> {
  return new Set((await tx.select({ username: users.username }).from(users)).map((r) => r.username));
}

/** The seeded demo accounts: an import never gives them work (as no assignment does). */
async function demoUsernames(tx: Tx): Promise<Set<string>> {
  return new Set((await tx.select({ username: users.username }).from(users).where(eq(users.demo, true))).map((r) => r.username));
}

/** The name cut so that `<base>-import-NNN` still fits the username length. */
const base = (name: string) => name.slice(0, USERNAME_MAX - SUFFIX.length - 4);

function freeName(name: string, taken: Set<string>): string {
  for (let k = 1; ; k++) {
    const candidate = `${base(name)}${SUFFIX}${k === 1 ? '' : `-${k}`}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The refusals for names that would have to become accounts but cannot. */
export function annotatorProblems(planned: ImportAnnotator[]): Array<{ line: number; message: string }> {
  return planned.flatMap((a) => (a.problem ? [{ line: a.line, message: `annotator: ${a.problem}` }] : []));
}
