// A registry API client for one repository: picks https (or plain http for loopback/--insecure),
// authenticates on demand, retries what is worth retrying, and turns everything else into one
// clear LayerlintError. Never puts a credential or token in a message.
import { LayerlintError } from '../../../errors.js';
import { type RawResponse, rawRequest } from '../http/raw-request.js';
import { type TlsProblem, tlsProblem } from '../tls-problem.js';
import { basicHeader, fetchToken, who } from './auth.js';
import type { RegistryTls } from './cert-dir.js';
import { parseChallenges } from './challenge.js';
import type { Credentials } from './credentials.js';
import { type Exchange, exchange, isTlsMismatch, readBody, type Transport, TransportError } from './http.js';
import { apiHost, isLoopback, type RegistryReference } from './reference.js';
import { backoffMs, isRetryableError, isRetryableStatus, MAX_ATTEMPTS, parseRetryAfter } from './retry.js';

export interface ClientOptions {
  transport: Transport;
  credentials: () => Promise<Credentials | undefined>;
  /**
   * A session another client opened (see session()): its base URL and Authorization, used as
   * they are. A 401 then throws SessionExpiredError instead of logging in (the credentials stay
   * with the client that opened it).
   */
  session?: RegistrySession;
  /** longest Retry-After we are willing to wait */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class NotFoundError extends LayerlintError {}

/** What a worker needs to download from the registry as this client does. */
export interface RegistrySession {
  base: string;
  auth?: string;
}

export class SessionExpiredError extends Error {
  readonly code = 'ESESSION';
}

export class RegistryClient {
  private base?: Promise<string>;
  private auth?: string;
  private creds?: Promise<Credentials | undefined>;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly ref: RegistryReference,
    private readonly opts: ClientOptions,
  ) {
    this.sleep = opts.sleep ?? defaultSleep;
    if (opts.session) {
      this.base = Promise.resolve(opts.session.base);
      this.auth = opts.session.auth;
    }
  }

  /** The base URL and Authorization this client uses now (after its first request). */
  async session(): Promise<RegistrySession> {
    return { base: await this.baseUrl(), auth: this.auth };
  }

  get registry(): string {
    return this.ref.registry;
  }

  /**
   * GET a registry path over a raw socket (reused read buffers) when the registry speaks plain
   * HTTP (loopback or --insecure); undefined over https. No retries, redirects or token refresh:
   * the caller takes only a 200 or 206 and goes through `get` for anything else.
   */
  async rawGet(path: string, headers: Record<string, string>): Promise<RawResponse | undefined> {
    const base = new URL(await this.baseUrl());
    if (base.protocol !== 'http:') return undefined;
    const port = Number(base.port || 80);
    return rawRequest({ host: base.hostname.replace(/^\[|\]$/g, ''), port }, new URL(path, base).pathname, {
      host: base.host,
      headers: { ...headers, ...(this.auth ? { authorization: this.auth } : {}) },
      timeoutMs: this.opts.transport.timeoutMs,
      body: /\/blobs\//.test(path) ? 'blob' : 'metadata',
      signal: this.opts.transport.signal,
    });
  }

  /** GET a registry path; resolves with a 2xx answer, everything else is an error. */
  async get(path: string, headers: Record<string, string>, what: string): Promise<Exchange> {
    let reauthenticated = false;
    for (;;) {
      const base = await this.baseUrl();
      const ex = await this.send(() => exchange(this.opts.transport, new URL(path, base), headers, this.auth), what);
      const status = ex.res.statusCode ?? 0;
      if (status >= 200 && status < 300) return ex;
      const body = await readBody(ex.res, 64 * 1024, `${what} error`).catch(() => Buffer.alloc(0));
      const detail = registryMessage(body);
      if (status === 401 && this.opts.session) throw new SessionExpiredError(`${this.registry}: ${what}: HTTP 401`);
      if (status === 401 && !reauthenticated) {
        reauthenticated = true; // the first challenge, or one refresh of an expired token
        await this.authenticate(ex.res.headers['www-authenticate']);
        continue;
      }
      if (status === 401) {
        const creds = await this.credentials();
        const hint = creds
          ? 'check the username and password'
          : 'log in (docker login, or --username with --password-stdin)';
        throw new LayerlintError(`${this.registry} refused ${what} with ${who(creds)} (HTTP 401${detail}): ${hint}`);
      }
      if (status === 403) throw new LayerlintError(`${this.registry} denied ${what} (HTTP 403${detail})`);
      if (status === 404) throw new NotFoundError(`${this.registry} has no ${what} (HTTP 404${detail})`);
      throw new LayerlintError(
        `${this.registry} answered HTTP ${status} to ${what}${detail ? ` (${detail.slice(2)})` : ''}`,
      );
    }
  }

  /**
   * One exchange with retries: connection failures, 408, 429 and 5xx, after a capped jittered
   * backoff or the server's Retry-After (given up at once when it asks for longer than we may wait).
   */
  async send(fn: () => Promise<Exchange>, what: string): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      let ex: Exchange;
      try {
        ex = await fn();
      } catch (err) {
        if (err instanceof LayerlintError) throw err;
        if (isRetryableError(err) && attempt + 1 < MAX_ATTEMPTS) {
          await this.sleep(backoffMs(attempt));
          continue;
        }
        throw this.networkError(err, what, attempt + 1);
      }
      const status = ex.res.statusCode ?? 0;
      if (!isRetryableStatus(status)) return ex;
      ex.res.resume();
      const asked = parseRetryAfter(ex.res.headers['retry-after']);
      if (asked !== undefined && asked > this.opts.maxWaitMs) {
        throw new LayerlintError(
          `${this.registry} answered HTTP ${status} to ${what} and asks to retry after ${Math.ceil(asked / 1000)} s, longer than this run waits (${this.opts.maxWaitMs / 1000} s, --timeout)`,
        );
      }
      if (attempt + 1 >= MAX_ATTEMPTS) {
        throw new LayerlintError(
          `${this.registry} answered HTTP ${status} to ${what} ${MAX_ATTEMPTS} times: giving up`,
        );
      }
      await this.sleep(asked ?? backoffMs(attempt));
    }
  }

  networkError(err: unknown, what: string, attempts: number): LayerlintError {
    const e = err as NodeJS.ErrnoException;
    if (e instanceof TransportError && !e.retryable) return new LayerlintError(`${this.registry}: ${e.message}`);
    const times = attempts > 1 ? ` (${attempts} attempts)` : '';
    if (e?.code === 'ECONNREFUSED')
      return new LayerlintError(`cannot reach registry ${this.registry}: connection refused${times}`);
    if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN')
      return new LayerlintError(`cannot reach registry ${this.registry}: unknown host`);
    if (e?.code === 'ETIMEDOUT') return new LayerlintError(`${this.registry}: ${what} timed out: ${e.message}${times}`);
    const tls = tlsProblem(e);
    if (tls) return new LayerlintError(tlsMessage(this.registry, tls, this.opts.transport.tls));
    return new LayerlintError(`${this.registry}: ${what} failed: ${e?.message ?? String(err)}${times}`);
  }

  private credentials(): Promise<Credentials | undefined> {
    this.creds ??= this.opts.credentials();
    return this.creds;
  }

  private async authenticate(header: string | string[] | undefined): Promise<void> {
    const challenges = parseChallenges(header);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    const creds = await this.credentials();
    if (bearer) {
      const send = (fn: () => Promise<Exchange>, what: string) => this.send(fn, what);
      this.auth = await fetchToken(
        this.opts.transport,
        { challenge: bearer, registry: this.registry, repository: this.ref.repository, credentials: creds },
        send,
      );
      return;
    }
    if (basic) {
      if (!creds)
        throw new LayerlintError(
          `${this.registry} requires a login: docker login ${this.registry}, or --username with --password-stdin`,
        );
      if (creds.kind !== 'password')
        throw new LayerlintError(`${this.registry} asks for a password but ${creds.from} holds only an identity token`);
      this.auth = basicHeader(creds);
      return;
    }
    throw new LayerlintError(`${this.registry} answered 401 without a usable WWW-Authenticate challenge`);
  }

  /**
   * https, except plain http for a registry on loopback that answers the API check over it, or an
   * --insecure (or loopback) one that does not speak TLS (as Docker does). Loopback asks plain
   * HTTP first: that is what local registries speak, and it spares a TLS handshake; a TLS server
   * answers a plain request with 400 (or hangs up), never with the API's 200 or 401. The checks
   * carry no credentials.
   */
  private baseUrl(): Promise<string> {
    this.base ??= (async () => {
      const host = apiHost(this.registry);
      const loopback = isLoopback(this.registry);
      if (loopback && (await this.answersApiInPlainHttp(host))) return `http://${host}`;
      if (!loopback && !this.opts.transport.insecure) return `https://${host}`;
      try {
        const ex = await exchange(this.opts.transport, new URL(`https://${host}/v2/`), {}, undefined);
        ex.res.resume();
        return `https://${host}`;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (isTlsMismatch(err) || code === 'ECONNRESET' || code === 'ERR_SSL_WRONG_VERSION_NUMBER')
          return `http://${host}`;
        throw this.networkError(err, 'the API check', 1);
      }
    })();
    return this.base;
  }

  private async answersApiInPlainHttp(host: string): Promise<boolean> {
    try {
      const ex = await exchange(this.opts.transport, new URL(`http://${host}/v2/`), {}, undefined);
      ex.res.resume();
      return ex.url.protocol === 'http:' && (ex.res.statusCode === 200 || ex.res.statusCode === 401);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') return false;
      throw this.networkError(err, 'the API check', 1);
    }
  }
}

/** A failed TLS handshake as one line: what is wrong and what to do, never a file's content. */
function tlsMessage(registry: string, problem: TlsProblem, tls?: RegistryTls): string {
  const certsD = `/etc/containers/certs.d/${registry}/`;
  switch (problem.kind) {
    case 'untrusted': {
      const tried = tls?.ca ? `; the .crt files in ${tls.dir} do not include its CA` : '';
      return `the TLS certificate of registry ${registry} is not trusted (self-signed or signed by an unknown CA: ${problem.detail})${tried}: trust its CA (a ca.crt in ${certsD} or in --cert-dir DIR, or NODE_EXTRA_CA_CERTS=FILE), or skip the check with --insecure`;
    }
    case 'name':
      return `the TLS certificate of registry ${registry} is not valid for that name (${problem.detail}): use a name the certificate was issued for, or skip the check with --insecure`;
    case 'expired':
      return `the TLS certificate of registry ${registry} is expired or not valid yet (${problem.detail}): renew it, or skip the check with --insecure`;
    case 'client-cert':
      return tls?.cert
        ? `registry ${registry} refused the client certificate from ${tls.dir} (${problem.detail}): it needs one signed by a CA the registry trusts`
        : `registry ${registry} asks for a client certificate (mutual TLS; ${problem.detail}): put NAME.cert and NAME.key in ${certsD} or in --cert-dir DIR`;
  }
}

/** ": CODE message" from a registry error body, or "". */
function registryMessage(body: Buffer): string {
  try {
    const json = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    const e = json.errors?.[0];
    if (e) return `: ${[e.code, e.message].filter(Boolean).join(' ')}`.slice(0, 200);
  } catch {
    // not JSON
  }
  return '';
}
