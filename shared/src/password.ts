import { z } from 'zod';

/**
 * Password rule after OWASP ASVS 4.0 level 1 (2.1.1, 2.1.2, 2.1.7): at least
 * 12 characters, up to 1,000 allowed (ASVS asks for at least 64), and not one
 * of the common passwords of zxcvbn-ts's `passwords-common` list (npm
 * `@zxcvbn-ts/language-common`, ~49,000 passwords from leaked-password
 * corpora). Only its entries of 12 or more characters can matter here.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1000;

let common: Promise<Set<string>> | undefined;

// Loaded on first use (a dynamic import): the browser bundle, which never checks a new password, stays without the list.
const commonPasswords = () =>
  (common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase())),
  ));

/** True when the password (case and surrounding spaces ignored) is a commonly used one. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await commonPasswords()).has(password.trim().toLowerCase());
}

/** The rule wherever a password is set. Its last check is asynchronous: parse with `safeParseAsync` (the route validators do). */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`)
  .refine(async (p) => !(await isCommonPassword(p)), 'is a commonly used password: choose another');
