// Identity tokens (what `docker login` stores as auths[host].identitytoken when the registry's
// token server hands out refresh tokens, and what a credential helper returns with the username
// "<token>"), through the built CLI: layerlint trades them for a pull token with the OAuth2
// refresh_token grant at the tests' token server, in front of a real distribution 2.8.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, type RegistryHandle, removeDir, startRegistry } from '../support/index.js';
import { analysisOf, escapeRe, failureLine } from './helpers/cli-result.js';
import { baseRecipe, pushRecipe } from './helpers/images.js';

const REFRESH = 'll-refresh-5b1e0c7d9a2f4e68';
const REVOKED = 'll-revoked-0d9c8b7a6f5e4d3c';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('identity tokens (OAuth2 refresh_token grant, CLI)', () => {
  let reg: RegistryHandle;
  let work: string;
  let n = 0;
  const ref = () => `docker://${reg.host}/ns/app:1`;

  /** A DOCKER_CONFIG dir holding `config` as config.json. */
  function dockerConfig(config: object): string {
    const dir = join(work, `config-${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    return dir;
  }
  const analyze = (env: NodeJS.ProcessEnv) =>
    runCli(['analyze', ref(), '--format', 'json', '--fail-on', 'none'], {
      env: { REGISTRY_AUTH_FILE: '', ...env },
      timeoutMs: 60_000,
    });

  beforeAll(async () => {
    work = makeTempDir('regidtoken');
    reg = await startRegistry({ auth: 'bearer', anonymousPull: false, refreshTokens: { [REFRESH]: 'tester' } });
    await pushRecipe(baseRecipe('app'), join(work, 'app'), ref(), reg.creds);
  }, 180_000);
  afterAll(async () => {
    await reg?.stop();
    removeDir(work);
  });

  test('auths[host].identitytoken in config.json (as docker login writes it): a pull token for its user', async () => {
    const config = dockerConfig({ auths: { [reg.host]: { auth: b64('tester:'), identitytoken: REFRESH } } });
    const model = analysisOf(await analyze({ DOCKER_CONFIG: config }));
    expect(model.layers).toHaveLength(3);
    expect(reg.tokenServer!.issued().at(-1)).toEqual({
      user: 'tester',
      grant: 'refresh_token',
      scopes: [{ type: 'repository', name: 'ns/app', actions: ['pull'] }],
      access: [{ type: 'repository', name: 'ns/app', actions: ['pull'] }],
    });
  });

  test('a revoked identity token: exit 2, one line saying to log in again, without the token', async () => {
    const config = dockerConfig({ auths: { [reg.host]: { auth: b64('tester:'), identitytoken: REVOKED } } });
    const r = await analyze({ DOCKER_CONFIG: config });
    const line = failureLine(r);
    expect(line).toMatch(
      new RegExp(
        `^${escapeRe(reg.host)}: token server 127\\.0\\.0\\.1:\\d+ rejected the identity token \\(from ${escapeRe(config)}/config\\.json\\) \\(HTTP 400: invalid_grant\\): it has expired or was revoked; log in again \\(docker login ${escapeRe(reg.host)}\\)$`,
      ),
    );
    expect(r.stderr).not.toContain(REVOKED);
    expect(r.stderr).not.toContain(b64(REVOKED));
  });

  test('credsStore: docker-credential-<name> answering Username "<token>" gives an identity token', async () => {
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    const log = join(work, 'store.log');
    const helper = join(bin, 'docker-credential-llstore');
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\necho "$1 $server" >> ${log}\n[ "$1" = get ] || exit 1\nprintf '{"ServerURL":"%s","Username":"<token>","Secret":"${REFRESH}"}' "$server"\n`,
    );
    chmodSync(helper, 0o755);
    // what docker writes with a credsStore: an empty auths entry, the secret in the store
    const config = dockerConfig({ auths: { [reg.host]: {} }, credsStore: 'llstore' });
    const model = analysisOf(await analyze({ DOCKER_CONFIG: config, PATH: `${bin}:${process.env.PATH}` }));
    expect(model.layers).toHaveLength(3);
    expect(readFileSync(log, 'utf8')).toBe(`get ${reg.host}\n`);
    expect(reg.tokenServer!.issued().at(-1)).toMatchObject({ user: 'tester', grant: 'refresh_token' });
  });
});
