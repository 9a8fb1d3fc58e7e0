import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFix } from '../../src/fix/command.js';
import { lint, model } from './helpers/pipeline.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'layerlint-cmd-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function sink() {
  let s = '';
  return {
    write: (c: string) => (s += c),
    get text() {
      return s;
    },
  };
}

async function setup(text: string) {
  const path = join(dir, 'Dockerfile');
  await fs.writeFile(path, text);
  const dockerfile = model(text);
  return { path, dockerfile, findings: lint(dockerfile) };
}

const DIRTY = 'FROM debian\nRUN apt-get update && apt-get install -y curl\nCMD ["curl"]\n';
const CLEAN =
  'FROM debian:bookworm@sha256:0000000000000000000000000000000000000000000000000000000000000000\nUSER 10001\nCMD ["true"]\n';

describe('runFix', () => {
  test('dry run prints the diff and suggestions, writes nothing, exits 1', async () => {
    const s = await setup(DIRTY);
    const out = sink();
    const err = sink();
    const code = await runFix({
      dockerfilePath: s.path,
      write: false,
      findings: s.findings,
      dockerfile: s.dockerfile,
      stdout: out,
      stderr: err,
    });
    expect(code).toBe(1);
    expect(out.text).toContain(
      '+RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*',
    );
    expect(out.text).toMatch(/^--- a\/.*Dockerfile\n\+\+\+ b\//);
    expect(err.text).toContain('unpinned-base-image');
    expect(await fs.readFile(s.path, 'utf8')).toBe(DIRTY);
  });

  test('nothing to fix exits 0 with no diff', async () => {
    const s = await setup(CLEAN);
    const out = sink();
    const code = await runFix({
      dockerfilePath: s.path,
      write: false,
      findings: s.findings,
      dockerfile: s.dockerfile,
      stdout: out,
      stderr: sink(),
    });
    expect(out.text).toBe('');
    expect(code).toBe(0);
  });

  test('--write writes the fixed file; a second run finds nothing to change', async () => {
    const s = await setup(DIRTY);
    const code = await runFix({
      dockerfilePath: s.path,
      write: true,
      findings: s.findings,
      dockerfile: s.dockerfile,
      stdout: sink(),
      stderr: sink(),
    });
    expect(code).toBe(0);
    const fixed = await fs.readFile(s.path, 'utf8');
    expect(fixed).not.toBe(DIRTY);
    const again = model(fixed);
    const out = sink();
    await runFix({
      dockerfilePath: s.path,
      write: true,
      findings: lint(again),
      dockerfile: again,
      stdout: out,
      stderr: sink(),
    });
    expect(await fs.readFile(s.path, 'utf8')).toBe(fixed);
  });

  test('file changed after analysis: exit 2, one line, nothing written', async () => {
    const s = await setup(DIRTY);
    await fs.writeFile(s.path, `${DIRTY}# edited\n`);
    const err = sink();
    const code = await runFix({
      dockerfilePath: s.path,
      write: true,
      findings: s.findings,
      dockerfile: s.dockerfile,
      stdout: sink(),
      stderr: err,
    });
    expect(code).toBe(2);
    expect(err.text.trim().split('\n')).toHaveLength(1);
    expect(err.text).toMatch(/changed since/);
    expect(await fs.readFile(s.path, 'utf8')).toBe(`${DIRTY}# edited\n`);
  });

  test('missing file: exit 2', async () => {
    const s = await setup(DIRTY);
    const err = sink();
    const code = await runFix({
      dockerfilePath: join(dir, 'nope'),
      write: true,
      findings: s.findings,
      dockerfile: s.dockerfile,
      stdout: sink(),
      stderr: err,
    });
    expect(code).toBe(2);
    expect(err.text).toMatch(/^layerlint fix: .*nope: /);
  });

  test('findings that already carry fixes are used as given', async () => {
    const s = await setup('FROM a\nCMD x\n');
    const out = sink();
    const findings = [
      {
        ruleId: 'custom',
        severity: 'note' as const,
        message: 'm',
        fix: [{ range: [0, 0] as [number, number], text: '# hi\n' }],
      },
    ];
    const code = await runFix({
      dockerfilePath: s.path,
      write: false,
      findings,
      dockerfile: s.dockerfile,
      stdout: out,
      stderr: sink(),
    });
    expect(code).toBe(1);
    expect(out.text).toContain('+# hi');
  });
});

test('a Dockerfile that is not valid UTF-8 is refused with exit 2', async () => {
  const d = await fs.mkdtemp(join(tmpdir(), 'layerlint-cmd-'));
  try {
    const path = join(d, 'Dockerfile');
    const bytes = Buffer.concat([Buffer.from('FROM debian\n# caf'), Buffer.from([0xe9]), Buffer.from('\nCMD x\n')]);
    await fs.writeFile(path, bytes);
    const dockerfile = model(bytes.toString('utf8'));
    const err = {
      text: '',
      write(c: string) {
        this.text += c;
      },
    };
    const code = await runFix({
      dockerfilePath: path,
      write: true,
      findings: lint(dockerfile),
      dockerfile,
      stdout: { write: () => 0 },
      stderr: err,
    });
    expect(code).toBe(2);
    expect(err.text).toMatch(/not valid UTF-8/);
    expect((await fs.readFile(path)).equals(bytes)).toBe(true);
  } finally {
    await fs.rm(d, { recursive: true, force: true });
  }
});

test('runFix: a stage split supersedes the missing-user edit (findings attached together)', async () => {
  const d = await fs.mkdtemp(join(tmpdir(), 'layerlint-cmd-split-'));
  try {
    const text =
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*\nCOPY hello.c /src/hello.c\nRUN gcc -O2 -static -o /usr/local/bin/hello /src/hello.c\nCMD ["/usr/local/bin/hello"]\n';
    const path = join(d, 'Dockerfile');
    await fs.writeFile(path, text);
    const dockerfile = model(text);
    const findings = lint(dockerfile);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['missing-user', 'single-stage-build']));
    const code = await runFix({
      dockerfilePath: path,
      write: true,
      findings,
      dockerfile,
      stdout: { write: () => 0 },
      stderr: { write: () => 0 },
    });
    expect(code).toBe(0);
    // no useradd/USER 10001 left behind in the build stage: the runtime stage has its own USER
    expect(await fs.readFile(path, 'utf8')).toBe(
      'FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*\nCOPY hello.c /src/hello.c\nRUN gcc -O2 -static -o /usr/local/bin/hello /src/hello.c\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /usr/local/bin/hello /usr/local/bin/hello\nUSER 65532\nCMD ["/usr/local/bin/hello"]\n',
    );
  } finally {
    await fs.rm(d, { recursive: true, force: true });
  }
});

test('runFix: a finding that comes with a suggestion (image rules) still gets its rewrite', async () => {
  const d = await fs.mkdtemp(join(tmpdir(), 'layerlint-cmd-sugg-'));
  try {
    const text = 'FROM busybox\nEXPOSE 22 8080\nUSER 65532\nCMD ["/app"]\n';
    const path = join(d, 'Dockerfile');
    await fs.writeFile(path, text);
    const dockerfile = model(text);
    const code = await runFix({
      dockerfilePath: path,
      write: true,
      findings: [
        {
          ruleId: 'exposed-sensitive-port',
          severity: 'warning',
          message: 'EXPOSE 22/tcp (SSH): a remote-administration port should not be part of the image',
          location: { file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 15 },
          data: { port: 22, protocol: 'tcp', service: 'SSH', instructionIndex: 1 },
          suggestion: 'Remove 22 from EXPOSE.',
        },
      ],
      dockerfile,
      stdout: { write: () => 0 },
      stderr: { write: () => 0 },
    });
    expect(code).toBe(0);
    expect(await fs.readFile(path, 'utf8')).toBe('FROM busybox\nEXPOSE 8080\nUSER 65532\nCMD ["/app"]\n');
  } finally {
    await fs.rm(d, { recursive: true, force: true });
  }
});
