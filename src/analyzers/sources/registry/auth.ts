// Turning a 401 challenge into an Authorization header: Basic with stored credentials, or the
// Bearer token flow (GET realm?service&scope, with Basic credentials when we have them; POST an
// OAuth2 refresh_token grant for an identity token).
import { LayerlintError } from '../../../errors.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { exchange, readBody, type Transport } from './http.js';

export interface TokenRequest {
  challenge: Challenge;
  registry: string;
  repository: string;
  credentials: Credentials | undefined;
}

export function basicHeader(c: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

export function who(c: Credentials | undefined): string {
  if (!c) return 'anonymous access';
  return c.kind === 'password'
    ? `the credentials of "${c.username}" (from ${c.from})`
    : `the identity token (from ${c.from})`;
}

/** Ask the token server for a pull token; `send` retries transient failures. */
export async function fetchToken(
  t: Transport,
  req: TokenRequest,
  send: (fn: () => ReturnType<typeof exchange>, what: string) => ReturnType<typeof exchange>,
): Promise<string> {
  const { challenge, credentials } = req;
  const realmText = challenge.params.realm;
  if (!realmText) throw new LayerlintError(`${req.registry} asked for a Bearer token but named no realm`);
  let realm: URL;
  try {
    realm = new URL(realmText);
  } catch {
    throw new LayerlintError(`${req.registry} named a token realm that is not a URL`);
  }
  const scope = challenge.params.scope ?? `repository:${req.repository}:pull`;
  const service = challenge.params.service;
  const what = `token server ${realm.host}`;
  let ex: Awaited<ReturnType<typeof exchange>>;
  if (credentials?.kind === 'identity-token') {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.token,
      client_id: 'layerlint',
      scope,
    });
    if (service) form.set('service', service);
    ex = await send(
      () =>
        exchange(t, realm, { 'content-type': 'application/x-www-form-urlencoded' }, undefined, 'POST', form.toString()),
      what,
    );
  } else {
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    for (const s of scope.split(' ')) url.searchParams.append('scope', s);
    const auth = credentials?.kind === 'password' ? basicHeader(credentials) : undefined;
    ex = await send(() => exchange(t, url, { accept: 'application/json' }, auth), what);
  }
  const status = ex.res.statusCode ?? 0;
  const body = await readBody(ex.res, 1024 * 1024, `${what} answer`).catch((err) => {
    throw err instanceof LayerlintError ? err : new LayerlintError((err as Error).message); // it names the server
  });
  const code = errorCode(body);
  const answered = `HTTP ${status}${code ? `: ${code}` : ''}`;
  if (credentials?.kind === 'identity-token' && (status === 401 || status === 403 || code === 'invalid_grant')) {
    // RFC 6749 5.2: an unknown, expired or revoked refresh token is a 400 invalid_grant
    throw new LayerlintError(
      `${req.registry}: ${what} rejected ${who(credentials)} (${answered}): it has expired or was revoked; log in again (docker login ${req.registry})`,
    );
  }
  if (status === 401 || status === 403) {
    throw new LayerlintError(
      `${req.registry}: ${what} rejected ${who(credentials)} (${answered}): wrong username or password?`,
    );
  }
  if (status !== 200) throw new LayerlintError(`${req.registry}: ${what} answered ${answered}`);
  let token: string | undefined;
  try {
    const json = JSON.parse(body.toString('utf8')) as { token?: string; access_token?: string };
    token = json.token || json.access_token;
  } catch {
    // reported below
  }
  if (!token) throw new LayerlintError(`${req.registry}: ${what} answered without a token`);
  return `Bearer ${token}`;
}

/**
 * The error code of a token server's failure: OAuth2's `error` (RFC 6749 5.2, an enum) or a
 * registry-style `errors[0].code`. Never its free text, which might quote what we sent.
 */
function errorCode(body: Buffer): string | undefined {
  try {
    const json = JSON.parse(body.toString('utf8')) as { error?: unknown; errors?: { code?: unknown }[] };
    const code = typeof json.error === 'string' ? json.error : json.errors?.[0]?.code;
    return typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}
