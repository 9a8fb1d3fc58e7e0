import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfig, loadConfig, parseBytes } from '../../src/config/load.js';
import { DIVE_DEFAULT_THRESHOLDS } from '../../src/config/types.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'layerlint-config-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe('loadConfig', () => {
  it('defaults to dive CI thresholds and failOn error without a file', () => {
    mkdirSync(join(root, 'a'));
    const c = loadConfig({ cwd: join(root, 'a') });
    expect(c).toMatchObject({
      failOn: 'error',
      severities: {},
      options: {},
      ignorePaths: [],
      thresholds: DIVE_DEFAULT_THRESHOLDS,
    });
    expect(c.source).toBeUndefined();
  });

  it('searches upward from the working directory', () => {
    const file = write('.layerlint.yaml', 'failOn: warning\n');
    mkdirSync(join(root, 'x/y/z'), { recursive: true });
    expect(findConfig(join(root, 'x/y/z'))).toBe(file);
    expect(loadConfig({ cwd: join(root, 'x/y/z') })).toMatchObject({ failOn: 'warning', source: file });
  });

  it('the nearest file wins; .yaml before .yml before .json in one directory', () => {
    write('.layerlint.json', '{"failOn": "note"}');
    write('sub/.layerlint.json', '{"failOn": "none"}');
    write('sub/.layerlint.yml', 'failOn: warning\n');
    expect(loadConfig({ cwd: join(root, 'sub') }).failOn).toBe('warning');
    expect(loadConfig({ cwd: root }).failOn).toBe('note');
  });

  it('reads YAML and JSON into the same resolved config', () => {
    const yaml = write(
      'y/.layerlint.yaml',
      [
        'rules:',
        '  duplicate-content: [warning, { minBytes: 4096 }]',
        '  runs-as-root: off',
        '  exposed-sensitive-port: { severity: error, options: { ports: [22] } }',
        'ignorePaths: ["/usr/share/doc/**"]',
        'thresholds: { lowestEfficiency: 0.95, highestWastedBytes: 20MB, highestUserWastedPercent: 0.2 }',
        '',
      ].join('\n'),
    );
    const json = write(
      'j/.layerlint.json',
      JSON.stringify({
        rules: {
          'duplicate-content': ['warning', { minBytes: 4096 }],
          'runs-as-root': 'off',
          'exposed-sensitive-port': { severity: 'error', options: { ports: [22] } },
        },
        ignorePaths: ['/usr/share/doc/**'],
        thresholds: { lowestEfficiency: 0.95, highestWastedBytes: '20MB', highestUserWastedPercent: 0.2 },
      }),
    );
    const want = {
      severities: { 'duplicate-content': 'warning', 'runs-as-root': 'off', 'exposed-sensitive-port': 'error' },
      options: { 'duplicate-content': { minBytes: 4096 }, 'exposed-sensitive-port': { ports: [22] } },
      ignorePaths: ['/usr/share/doc/**'],
      thresholds: { lowestEfficiency: 0.95, highestWastedBytes: 20_000_000, highestUserWastedPercent: 0.2 },
    };
    expect(loadConfig({ cwd: root, configPath: yaml })).toMatchObject({ ...want, source: yaml });
    expect(loadConfig({ cwd: root, configPath: json })).toMatchObject({ ...want, source: json });
  });

  it('an explicit --config path is relative to the working directory', () => {
    write('conf/my.yaml', 'failOn: note\n');
    expect(loadConfig({ cwd: root, configPath: 'conf/my.yaml' }).failOn).toBe('note');
  });

  it('errors name the file as the user would write it', () => {
    write('.layerlint.yaml', 'rules:\n  duplicate-content: [warning, { minBytes: x }]\n');
    expect(() => loadConfig({ cwd: root })).toThrow(
      'config .layerlint.yaml: /rules/duplicate-content/1/minBytes must be integer',
    );
    expect(() => loadConfig({ cwd: root, configPath: 'missing.yaml' })).toThrow('config missing.yaml: no such file');
    write('broken.json', '{"rules": ');
    expect(() => loadConfig({ cwd: root, configPath: 'broken.json' })).toThrow(/^config broken.json is not valid JSON/);
    write('broken.yaml', 'rules: [\n');
    expect(() => loadConfig({ cwd: root, configPath: 'broken.yaml' })).toThrow(/^config broken.yaml is not valid YAML/);
  });
});

describe('parseBytes', () => {
  it.each([
    ['20MB', 20_000_000],
    ['1GiB', 1024 ** 3],
    ['1GB', 1e9],
    ['512 kB', 512_000],
    ['512KiB', 512 * 1024],
    ['1.5MiB', 1.5 * 1024 ** 2],
    ['500000', 500_000],
    ['10b', 10],
    [1000, 1000],
  ])('%s -> %d', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });

  it('rejects what is not a size', () => {
    expect(() => parseBytes('lots')).toThrow('"lots" is not a size (examples: 20MB, 1GiB, 500000)');
    expect(() => parseBytes('-1MB')).toThrow('is not a size');
  });
});
