// The registry source against a real distribution 2.8 (anonymous, Basic, Bearer with the tests'
// token server), credentials from every place Docker keeps them, and a platform index.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buildImage } from '../../fixtures/builder/index.js';
import { makeTempDir, type RegistryHandle, removeDir, startRegistry } from '../support/index.js';
import { baseRecipe, pushRecipe, pushTwoPlatformIndex } from './helpers/images.js';
import { failure, open } from './helpers/open.js';

const SLOW = 180_000;

function dockerConfig(dir: string, content: object): NodeJS.ProcessEnv {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(content));
  return { ...process.env, DOCKER_CONFIG: dir, REGISTRY_AUTH_FILE: '' };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('registry source, anonymous registry', () => {
  let reg: RegistryHandle;
  let work: string;
  beforeAll(async () => {
    work = makeTempDir('regsrc');
    reg = await startRegistry({ auth: 'none' });
    await pushRecipe(baseRecipe('app'), join(work, 'app'), `docker://${reg.host}/ns/app:1`);
    await pushTwoPlatformIndex(join(work, 'multi'), `docker://${reg.host}/ns/multi:1`);
  }, SLOW);
  afterAll(async () => {
    await reg?.stop();
    removeDir(work);
  });

  test('reads an image: layers, digests and diffIDs verified, history attributed', async () => {
    const built = await buildImage(baseRecipe('app'), 'gzip');
    const model = await open(`docker://${reg.host}/ns/app:1`);
    expect(model.source).toBe('registry');
    expect(model.platform).toBe('linux/amd64');
    expect(model.layers.map((l) => l.diffId)).toEqual(built.layers.map((l) => l.diffId));
    expect(model.layers.map((l) => l.digest)).toEqual(built.layers.map((l) => l.digest));
    expect([...model.layers[1].entries].find((e) => e.path === '/data1/blob.bin')?.size).toBe(201_000);
    expect(model.layers[0].createdBy).toContain('COPY data0');
    expect(model.config.config?.User).toBe('1000');
  });

  test('--source registry with a bare name, and a digest reference', async () => {
    const first = await open(`${reg.host}/ns/app:1`, { source: 'registry' });
    const byDigest = await open(`docker://${reg.host}/ns/app@${first.manifestDigest}`);
    expect(byDigest.manifestDigest).toBe(first.manifestDigest);
  });

  test('a two-platform index: default host platform, --platform arm64, and an absent platform', async () => {
    const amd = await open(`docker://${reg.host}/ns/multi:1`);
    expect(amd.platform).toBe('linux/amd64');
    const arm = await open(`docker://${reg.host}/ns/multi:1`, { platform: 'linux/arm64' });
    expect(arm.platform).toBe('linux/arm64');
    expect(arm.layers[0].diffId).not.toBe(amd.layers[0].diffId);
    const msg = await failure(open(`docker://${reg.host}/ns/multi:1`, { platform: 'linux/s390x' }));
    expect(msg).toMatch(/no image for linux\/s390x \(it has: linux\/amd64, linux\/arm64\)/);
  });

  test('a missing tag and a missing repository are one clear line', async () => {
    expect(await failure(open(`docker://${reg.host}/ns/app:nope`))).toMatch(
      /not found: .* has no tag "nope" in ns\/app/,
    );
    expect(await failure(open(`docker://${reg.host}/ns/absent:1`))).toMatch(/not found/);
  });

  test('nothing listening: connection refused, one line', async () => {
    expect(await failure(open('docker://127.0.0.1:9/ns/app:1'))).toMatch(
      /cannot reach registry 127\.0\.0\.1:9: connection refused/,
    );
  });

  test('a loopback registry is asked in plain HTTP first, without credentials', async () => {
    // the real registry answers GET /v2/ over plain HTTP: no TLS attempt (it would hit this proxy first)
    const seen: string[] = [];
    const proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      const up = httpRequest(`${reg.url}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as AddressInfo).port;
      const model = await open(`docker://127.0.0.1:${port}/ns/app:1`);
      expect(model.layers.length).toBeGreaterThan(0);
      expect(seen[0]).toBe('GET /v2/ -');
    } finally {
      proxy.close();
    }
  });

  test('a loopback HTTP server that is not a registry: the answer it gives, not a TLS error', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('nothing here');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const msg = await failure(open(`docker://127.0.0.1:${port}/ns/app:1`));
      expect(msg).toMatch(new RegExp(`not found: 127\\.0\\.0\\.1:${port} has no tag "1" in ns/app`));
      expect(msg).not.toMatch(/TLS|SSL|certificate/i);
    } finally {
      server.close();
    }
  });
});

describe('registry source, Basic auth', () => {
  let reg: RegistryHandle;
  let work: string;
  beforeAll(async () => {
    work = makeTempDir('regbasic');
    reg = await startRegistry({ auth: 'basic' });
    await pushRecipe(baseRecipe('app'), join(work, 'app'), `docker://${reg.host}/ns/app:1`, reg.creds);
  }, SLOW);
  afterAll(async () => {
    await reg?.stop();
    removeDir(work);
  });

  test('401 without credentials says how to log in', async () => {
    expect(await failure(open(`docker://${reg.host}/ns/app:1`))).toMatch(
      /requires a login: docker login .*--username with --password-stdin/,
    );
  });

  test('--username with --password-stdin', async () => {
    const model = await open(`docker://${reg.host}/ns/app:1`, {
      username: 'tester',
      passwordStdin: true,
      stdin: Readable.from(['secret\n']),
    });
    expect(model.layers).toHaveLength(3);
  });

  test('auths.auth in $DOCKER_CONFIG/config.json, and in $HOME/.docker/config.json', async () => {
    const env = dockerConfig(join(work, 'cfg1'), { auths: { [reg.host]: { auth: b64('tester:secret') } } });
    expect((await open(`docker://${reg.host}/ns/app:1`, { env })).layers).toHaveLength(3);
    const home = join(work, 'home');
    dockerConfig(join(home, '.docker'), { auths: { [`http://${reg.host}/v2/`]: { auth: b64('tester:secret') } } });
    const envHome = { ...process.env, HOME: home, DOCKER_CONFIG: '', REGISTRY_AUTH_FILE: '' };
    expect((await open(`docker://${reg.host}/ns/app:1`, { env: envHome })).layers).toHaveLength(3);
  });

  test('REGISTRY_AUTH_FILE (podman/skopeo auth.json)', async () => {
    const file = join(work, 'auth.json');
    writeFileSync(file, JSON.stringify({ auths: { [reg.host]: { auth: b64('tester:secret') } } }));
    const env = { ...process.env, REGISTRY_AUTH_FILE: file, DOCKER_CONFIG: '/nonexistent' };
    expect((await open(`docker://${reg.host}/ns/app:1`, { env })).layers).toHaveLength(3);
  });

  test('a wrong password fails in one line that does not contain it', async () => {
    const msg = await failure(
      open(`docker://${reg.host}/ns/app:1`, {
        username: 'tester',
        passwordStdin: true,
        stdin: Readable.from(['hunter2-wrong']),
      }),
    );
    expect(msg).toMatch(/refused .* "tester" .*HTTP 401.*check the username and password/);
    expect(msg).not.toContain('hunter2');
    expect(msg).not.toContain(b64('tester:hunter2-wrong'));
  });
});

describe('registry source, Bearer token auth', () => {
  let reg: RegistryHandle;
  let open401: RegistryHandle;
  let work: string;
  beforeAll(async () => {
    work = makeTempDir('regbearer');
    reg = await startRegistry({ auth: 'bearer', anonymousPull: true });
    open401 = await startRegistry({ auth: 'bearer', anonymousPull: false });
    await pushRecipe(baseRecipe('app'), join(work, 'app'), `docker://${reg.host}/ns/app:1`, reg.creds);
    await pushRecipe(baseRecipe('app'), join(work, 'app2'), `docker://${open401.host}/ns/app:1`, open401.creds);
  }, SLOW);
  afterAll(async () => {
    await reg?.stop();
    await open401?.stop();
    removeDir(work);
  });

  test('anonymous token from the challenge (realm, service, scope)', async () => {
    const model = await open(`docker://${reg.host}/ns/app:1`);
    expect(model.layers).toHaveLength(3);
    const last = reg.tokenServer!.issued().at(-1)!;
    expect(last.user).toBeNull();
    expect(last.scopes).toEqual([{ type: 'repository', name: 'ns/app', actions: ['pull'] }]);
  });

  test('credentials from a temp docker config.json (DOCKER_CONFIG)', async () => {
    const env = dockerConfig(join(work, 'cfg'), { auths: { [open401.host]: { auth: b64('tester:secret') } } });
    expect((await open(`docker://${open401.host}/ns/app:1`, { env })).layers).toHaveLength(3);
    expect(open401.tokenServer!.issued().at(-1)!.user).toBe('tester');
  });

  test('credHelpers: docker-credential-<name> get, server URL on stdin, JSON out', async () => {
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    const log = join(work, 'helper.log');
    const helper = join(bin, 'docker-credential-llfake');
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\necho "$1 $server" >> ${log}\n[ "$1" = get ] || exit 1\nprintf '{"ServerURL":"%s","Username":"tester","Secret":"secret"}' "$server"\n`,
    );
    chmodSync(helper, 0o755);
    const env = {
      ...dockerConfig(join(work, 'cfgh'), { credHelpers: { [open401.host]: 'llfake' } }),
      PATH: `${bin}:${process.env.PATH}`,
    };
    expect((await open(`docker://${open401.host}/ns/app:1`, { env })).layers).toHaveLength(3);
    expect(readFileSync(log, 'utf8').trim()).toBe(`get ${open401.host}`);
    // credsStore works the same way for every registry
    const envStore = {
      ...dockerConfig(join(work, 'cfgs'), { credsStore: 'llfake' }),
      PATH: `${bin}:${process.env.PATH}`,
    };
    expect((await open(`docker://${open401.host}/ns/app:1`, { env: envStore })).layers).toHaveLength(3);
  });

  test('no anonymous pull and no credentials: one line asking to log in', async () => {
    const msg = await failure(open(`docker://${open401.host}/ns/app:1`));
    expect(msg).toMatch(/refused .* anonymous access .*HTTP 401.*log in/);
  });

  test('wrong password at the token server: one line, no secret', async () => {
    const msg = await failure(
      open(`docker://${open401.host}/ns/app:1`, {
        username: 'tester',
        passwordStdin: true,
        stdin: Readable.from(['nope-pass']),
      }),
    );
    expect(msg).toMatch(/token server .* rejected the credentials of "tester"/);
    expect(msg).not.toContain('nope-pass');
  });
});
