import { hc } from 'hono/client';
import type { ApiErrorBody } from '@mbw/shared';
import type { AppType } from '@mbw/server';

/** The typed API client: request and response types come from the server's routes. */
export const api = hc<AppType>('/', { init: { credentials: 'same-origin' } }).api;

/** An error answer from the server, with its code and the message to show. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Awaits a typed request and returns its JSON, throwing ApiRequestError on an error status. */
export async function call<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  request: Promise<R>,
): Promise<R extends { ok: true; json(): Promise<infer T> } ? T : never> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiRequestError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (res.ok) return (res.status === 204 ? null : await res.json()) as never;
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  throw new ApiRequestError(res.status, body?.error.code ?? 'http_error', body?.error.message ?? `Request failed (${res.status}).`, body?.error.details);
}

