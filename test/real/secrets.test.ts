// Secrets in file contents, on an image built by the real dockerd 20.10 (classic builder) from
// fixtures/real's busybox base: secrets planted in source files, in a file a later RUN deletes,
// and in a file a later layer overwrites. Each is found once, on the right layer and Dockerfile
// line, and masked in every output format and in the layer cache.
// The made-up credentials are generated here (never committed as files): a GitHub token with a
// valid checksum, an AWS key pair, a Slack bot token, a Postgres URL and a Stripe live key.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getRealImage } from '../../fixtures/real/build.js';
import { buildWithDocker } from '../../fixtures/real/builders.js';
import { cached, HERE, hashInputs } from '../../fixtures/real/cache.js';
import { withBase62Checksum } from '../../src/secrets/detector.js';
import { runCli } from '../helpers/cli.js';
import { fake } from '../rules/content-table.js';
import { makeTempDir } from '../support/tmp.js';

const GITHUB = withBase62Checksum('ghp_', fake(30, 401));
const AWS_ID = `AKIA${fake(16, 402, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
const AWS_SECRET = fake(40, 403, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+');
const SLACK = `xoxb-${fake(11, 404, '0123456789')}-${fake(13, 405, '0123456789')}-${fake(24, 406)}`;
const DB_PASSWORD = fake(18, 407);
const STRIPE = `sk_live_${fake(32, 408)}`;
const SECRETS = [GITHUB.slice(4), AWS_SECRET, AWS_ID.slice(4), SLACK.slice(5), DB_PASSWORD, STRIPE.slice(8)];

const DOCKERFILE = `FROM layerlint-busybox:1.35
COPY app/ /app/
COPY build.env /etc/build.env
RUN grep -q DATABASE_URL /etc/build.env && rm /etc/build.env
COPY settings.py /app/settings.py
COPY settings-clean.py /app/settings.py
USER 1000
`;
const FILES: Record<string, string> = {
  'app/config.js': `module.exports = {\n  github: '${GITHUB}',\n  s3: {\n    accessKeyId: '${AWS_ID}',\n    secretAccessKey: '${AWS_SECRET}',\n  },\n};\n`,
  'app/run.sh': `#!/bin/sh\nexport SLACK_BOT_TOKEN=${SLACK}\nexec node server.js\n`,
  'app/README.md': 'Set GITHUB_TOKEN=ghp_... before running.\n',
  'build.env': `DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app\n`,
  'settings.py': `DEBUG = False\nSTRIPE_KEY = "${STRIPE}"\n`,
  'settings-clean.py': 'DEBUG = False\nimport os\nSTRIPE_KEY = os.environ["STRIPE_KEY"]\n',
  Dockerfile: DOCKERFILE,
};

let context: string;
let archive: string;

beforeAll(async () => {
  context = makeTempDir('ll-secrets-context-');
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(join(context, name, '..'), { recursive: true });
    writeFileSync(join(context, name), text);
  }
  const scripts = ['builders.ts', 'bases.ts', 'cache.ts'].map((f) => join(HERE, f));
  const key = `busybox-secrets-${hashInputs(scripts, Object.entries(FILES).flat())}`;
  const dir = await cached(key, async (tmp) => {
    await buildWithDocker(
      'docker-classic',
      'busybox',
      context,
      'layerlint/busybox-secrets:latest',
      join(tmp, 'docker-archive.tar'),
    );
  });
  archive = join(dir, 'docker-archive.tar');
}, 20 * 60_000);

interface JsonFinding {
  ruleId: string;
  layer?: number;
  paths?: string[];
  message: string;
  location?: { line: number };
  data?: Record<string, unknown>;
}

function expectNoSecret(text: string): void {
  for (const s of SECRETS) expect(text).not.toContain(s);
}

test('each planted secret is found once, on its layer and Dockerfile line, masked', async () => {
  const dockerfile = join(context, 'Dockerfile');
  const r = await runCli(['analyze', archive, '--dockerfile', dockerfile, '--format', 'json'], { timeoutMs: 120_000 });
  expect(r.code).toBe(1);
  const findings = (JSON.parse(r.stdout) as { images: { findings: JsonFinding[] }[] }).images[0]?.findings ?? [];
  const secrets = findings
    .filter((f) => f.ruleId.startsWith('secret-'))
    .map((f) => ({
      rule: f.ruleId,
      layer: f.layer,
      line: f.location?.line,
      path: f.paths?.[0],
      fileLine: f.data?.line,
      evidence: f.data?.evidence,
      hidden: f.data?.deletedIn !== undefined ? 'deleted' : f.data?.replacedIn !== undefined ? 'replaced' : undefined,
    }))
    .sort((a, b) => `${a.line}${a.rule}`.localeCompare(`${b.line}${b.rule}`));
  expect(secrets).toEqual([
    {
      rule: 'secret-aws',
      layer: 1,
      line: 2,
      path: '/app/config.js',
      fileLine: 4,
      evidence: 'AKIA**** with its secret access key (****)',
      hidden: undefined,
    },
    {
      rule: 'secret-github',
      layer: 1,
      line: 2,
      path: '/app/config.js',
      fileLine: 2,
      evidence: 'ghp_****',
      hidden: undefined,
    },
    {
      rule: 'secret-slack',
      layer: 1,
      line: 2,
      path: '/app/run.sh',
      fileLine: 2,
      evidence: 'xoxb-****',
      hidden: undefined,
    },
    {
      rule: 'secret-database-url',
      layer: 2,
      line: 3,
      path: '/etc/build.env',
      fileLine: 1,
      evidence: 'postgres://app:****@db.internal',
      hidden: 'deleted',
    },
    {
      rule: 'secret-stripe',
      layer: 4,
      line: 5,
      path: '/app/settings.py',
      fileLine: 2,
      evidence: 'sk_live_****',
      hidden: 'replaced',
    },
  ]);
  expect(findings.find((f) => f.ruleId === 'secret-stripe')?.message).toContain(
    'replaced in layer 5, but still extractable from layer 4',
  );
  expectNoSecret(r.stdout);
}, 180_000);

test('no output format and no layer cache file holds a secret', async () => {
  const cacheHome = makeTempDir('ll-secrets-cache-');
  const dockerfile = join(context, 'Dockerfile');
  for (const format of ['tty', 'json', 'sarif', 'markdown', 'github']) {
    const r = await runCli(['analyze', archive, '--dockerfile', dockerfile, '--format', format], {
      timeoutMs: 120_000,
      env: { XDG_CACHE_HOME: cacheHome },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ghp_\*\*\*\*/);
    expect(r.stdout).toMatch(/sk_live_\*\*\*\*/);
    expectNoSecret(r.stdout);
    expectNoSecret(r.stderr);
  }
  const files: string[] = [];
  const visit = (p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else files.push(p);
  };
  visit(cacheHome);
  const walks = files.map((f) => {
    const bytes = readFileSync(f);
    return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('latin1') : bytes.toString('latin1');
  });
  expect(walks.some((w) => w.includes('ghp_****'))).toBe(true); // the cache holds the masked evidence
  for (const w of walks) expectNoSecret(w);
}, 600_000);

describe('real images without secrets give no secret finding', () => {
  for (const name of ['debian-gcc-single', 'debian-gcc-multi', 'busybox-deleted'] as const) {
    test(
      name,
      async () => {
        const img = await getRealImage(name);
        const r = await runCli(['analyze', img.dockerArchive, '--format', 'json'], { timeoutMs: 300_000 });
        expect(r.stderr).toBe('');
        const findings = (JSON.parse(r.stdout) as { images: { findings: JsonFinding[] }[] }).images[0]?.findings ?? [];
        expect(findings.filter((f) => f.ruleId.startsWith('secret-')).map((f) => f.message)).toEqual([]);
      },
      20 * 60_000,
    );
  }
});
