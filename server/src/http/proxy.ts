import type { Context } from 'hono';

/**
 * `TRUST_PROXY=1` (or `true`): the server runs behind a reverse proxy that
 * sets `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For`. Only then
 * are those headers believed; without it anyone could send them.
 */
export const trustProxy = () => /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? '');

/** The last value of a comma-separated forwarding header: the one our own proxy added. */
function lastForwarded(c: Context, name: string): string | undefined {
  const v = c.req.header(name);
  if (!v) return undefined;
  const last = v.split(',').at(-1)!.trim();
  return last || undefined;
}

/** True when the browser reached us over HTTPS (directly, or through a trusted proxy). */
export function isHttps(c: Context): boolean {
  if (trustProxy()) {
    const proto = lastForwarded(c, 'x-forwarded-proto');
    if (proto) return proto.toLowerCase() === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The origin the browser sees this app at, e.g. `https://workbench.lab.example`. */
export function ownOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const host = (trustProxy() && lastForwarded(c, 'x-forwarded-host')) || c.req.header('host') || url.host;
  return `${isHttps(c) ? 'https' : 'http'}://${host}`.toLowerCase();
}

/** The client's address: the socket's peer, or behind a trusted proxy the address it forwarded. */
export function clientAddress(c: Context): string {
  if (trustProxy()) {
    const fwd = lastForwarded(c, 'x-forwarded-for');
    if (fwd) return fwd;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
