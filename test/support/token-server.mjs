// A Docker-registry token server (the "Bearer" flow of Docker Hub) in plain Node, no dependency.
// Started as its own process by registry.ts so that tests may call skopeo synchronously.
// Usage: node token-server.mjs <config.json>
//   config: { port, keyFile, certFile, issuer, service, users: {name: pass},
//             refreshTokens: {token: name}, anonymousPull, logFile }
// GET  /token?service=S&scope=repository:ns/img:pull,push[&scope=...]  (Basic credentials optional)
//   answers {token, access_token, expires_in, issued_at}; 401 for wrong credentials.
// POST /token  (OAuth2 form, as Docker's token spec has it, client_id required:
//   grant_type=password&username&password, or grant_type=refresh_token&refresh_token: the
//   identity token `docker login` stores, known here per user in refreshTokens; scope, service)
//   answers {access_token, scope, expires_in, issued_at} (no "token": that is the GET answer);
//   400 {error: invalid_grant} for a wrong password or an unknown refresh token (RFC 6749 5.2).
// The JWT is RS256 with an x5c header holding the self-signed certificate the registry trusts.
import { createSign, randomBytes, X509Certificate } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const key = readFileSync(cfg.keyFile, 'utf8');
const certDer = new X509Certificate(readFileSync(cfg.certFile)).raw.toString('base64');
const b64url = (buf) => Buffer.from(buf).toString('base64url');
const KNOWN_ACTIONS = new Set(['pull', 'push', 'delete', '*']);

function sign(claims) {
  const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer] };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${b64url(sig)}`;
}

/** "repository:ns/img:pull,push" -> {type, name, actions}; names may contain ':' only via a port. */
function parseScope(s) {
  const first = s.indexOf(':');
  const last = s.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return {
    type: s.slice(0, first),
    name: s.slice(first + 1, last),
    actions: s
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function grant(user, scopes) {
  const access = [];
  for (const sc of scopes) {
    const allowed =
      user !== undefined
        ? sc.actions.filter((a) => KNOWN_ACTIONS.has(a))
        : cfg.anonymousPull
          ? sc.actions.filter((a) => a === 'pull')
          : [];
    if (allowed.length > 0) access.push({ type: sc.type, name: sc.name, actions: allowed });
  }
  return access;
}

/** undefined: anonymous; null: wrong credentials; string: the user. */
function checkUser(username, password) {
  if (username === undefined) return undefined;
  return Object.hasOwn(cfg.users, username) && cfg.users[username] === password ? username : null;
}

function basicUser(req) {
  const h = req.headers.authorization;
  if (h === undefined || !h.startsWith('Basic ')) return undefined;
  const dec = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = dec.indexOf(':');
  return checkUser(i < 0 ? dec : dec.slice(0, i), i < 0 ? '' : dec.slice(i + 1));
}

function issue(res, user, scopeStrings, service, how) {
  const scopes = scopeStrings
    .flatMap((s) => s.split(' '))
    .filter(Boolean)
    .map(parseScope)
    .filter(Boolean);
  const now = Math.floor(Date.now() / 1000);
  const access = grant(user, scopes);
  const token = sign({
    iss: cfg.issuer,
    sub: user ?? '',
    aud: service ?? cfg.service,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(12).toString('hex'),
    access,
  });
  if (cfg.logFile)
    appendFileSync(cfg.logFile, `${JSON.stringify({ user: user ?? null, scopes, access, grant: how })}\n`);
  const issuedAt = new Date(now * 1000).toISOString();
  res.writeHead(200, { 'content-type': 'application/json' });
  if (how === 'get') res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: issuedAt }));
  else
    res.end(
      JSON.stringify({ access_token: token, scope: scopeStrings.join(' '), expires_in: 300, issued_at: issuedAt }),
    );
}

function oauthError(res, error, description) {
  res.writeHead(400, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error, error_description: description }));
}

function deny(res, why) {
  res.writeHead(401, {
    'content-type': 'application/json',
    'www-authenticate': 'Basic realm="layerlint-token"',
  });
  res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: why }] }));
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    res.writeHead(200);
    res.end('ok');
    return;
  }
  if (url.pathname !== '/token') {
    res.writeHead(404);
    res.end();
    return;
  }
  if (req.method === 'GET') {
    const user = basicUser(req);
    if (user === null) return deny(res, 'wrong username or password');
    return issue(res, user, url.searchParams.getAll('scope'), url.searchParams.get('service') ?? undefined, 'get');
  }
  if (req.method === 'POST') {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const grant = form.get('grant_type');
      const service = form.get('service') ?? undefined;
      if (!form.get('client_id')) return oauthError(res, 'invalid_request', 'client_id is required');
      if (grant === 'refresh_token') {
        const token = form.get('refresh_token') ?? '';
        const user = Object.hasOwn(cfg.refreshTokens ?? {}, token) ? cfg.refreshTokens[token] : undefined;
        if (user === undefined) return oauthError(res, 'invalid_grant', 'unknown or revoked refresh token');
        return issue(res, user, form.getAll('scope'), service, grant);
      }
      if (grant === 'password') {
        const user = checkUser(form.get('username') ?? '', form.get('password') ?? '');
        if (!user) return oauthError(res, 'invalid_grant', 'wrong username or password');
        return issue(res, user, form.getAll('scope'), service, grant);
      }
      oauthError(res, 'unsupported_grant_type', `grant_type ${grant} is not supported`);
    });
    return;
  }
  res.writeHead(405);
  res.end();
});
server.listen(cfg.port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
