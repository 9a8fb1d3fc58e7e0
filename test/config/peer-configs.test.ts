// hadolint's .hadolint.yaml and Trivy's .trivyignore, honoured through the rules' aliases;
// layerlint's own config wins where both speak.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import { applyPeerConfigs } from '../../src/config/peer-configs.js';
import { defaultConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/run-rules.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layerlint-peer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const TEXT =
  'FROM debian:12.5\nUSER 1000\nRUN apt-get install -y --no-install-recommends curl && pip install flask\nMAINTAINER me@example.com\n';
const env = () => ({ HOME: dir });

function lint(severities: Record<string, 'off' | 'note' | 'warning' | 'error'> = {}, failOnSet = false) {
  const config = defaultConfig();
  Object.assign(config.severities, severities);
  applyPeerConfigs(config, dir, failOnSet, env());
  const findings = runRules({ dockerfile: parseDockerfile(TEXT, 'Dockerfile'), config });
  return { config, findings: findings.map((f) => `${f.ruleId}:${f.severity}:${String(f.data?.peer ?? '')}`) };
}

it('without peer configs: both unpinned installs and MAINTAINER are reported', () => {
  expect(lint().findings).toEqual(
    expect.arrayContaining([
      'unpinned-package:note:DL3008',
      'unpinned-package:note:DL3013',
      'maintainer-deprecated:warning:',
    ]),
  );
});

it('.hadolint.yaml ignored: only the findings of that id go (DL3008, not the pip one of the same rule)', () => {
  writeFileSync(join(dir, '.hadolint.yaml'), 'ignored:\n  - DL3008\n  - DL4000\n');
  const { findings } = lint();
  expect(findings).toContain('unpinned-package:note:DL3013');
  expect(findings.filter((f) => f.includes('DL3008') || f.startsWith('maintainer-deprecated'))).toEqual([]);
});

it('.hadolint.yaml override and failure-threshold set severities and failOn, unless layerlint says otherwise', () => {
  writeFileSync(
    join(dir, '.hadolint.yml'),
    'override:\n  error:\n    - DL4000\n  info:\n    - DL3013\nfailure-threshold: warning\n',
  );
  const peer = lint();
  expect(peer.findings).toContain('maintainer-deprecated:error:');
  expect(peer.config.failOn).toBe('warning');
  const own = lint({ 'maintainer-deprecated': 'note' }, true);
  expect(own.findings).toContain('maintainer-deprecated:note:');
  expect(own.config.failOn).toBe('error');
});

it('.trivyignore ids (DS022 and its AVD-DS-0022 spelling) and comments', () => {
  writeFileSync(join(dir, '.trivyignore'), '# accepted\nAVD-DS-0022\nCVE-2024-0001 exp:2030-01-01\n');
  expect(lint().findings.filter((f) => f.startsWith('maintainer-deprecated'))).toEqual([]);
});
