// Runs the real shellcheck (Debian package, scripts/install-system-deps.sh); hadolint's documented
// behaviour: every shell-form RUN is checked with the stage's shell, ARG/ENV names count as set.
import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import { runScripts, shellcheckDockerfile } from '../../src/analyzers/dockerfile/shellcheck.js';
import { defaultConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/run-rules.js';
import rule from '../../src/rules/shellcheck.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN ["sh", "-c", "ls $1"]',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12\nARG VERSION\nRUN echo "$VERSION"',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host $env:PATH',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN cd /app; ls $1',
      findings: [
        { message: "SC2164: Use 'cd ... || exit'", line: 2, column: 1, data: { peer: 'SC2164', level: 'warning' } },
        { message: 'SC2086: Double quote to prevent globbing', line: 2, column: 1, data: { peer: 'SC2086' } },
      ],
    },
    {
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN echo one \\\n  && [[ -f /x ]] && ls $1',
      findings: [{ message: 'SC2086', line: 3, column: 1, endLine: 4 }],
    },
  ],
});

describe('shellcheck runs', () => {
  it('once per Dockerfile, with the stage shell and the ARG/ENV names exported', () => {
    const df = parseDockerfile(
      'ARG BASE=1\nFROM debian:12\nENV APP_HOME=/app\nRUN echo a\nSHELL ["/bin/bash", "-c"]\nRUN echo b',
      'Dockerfile',
    );
    expect(runScripts(df).map((s) => s.script)).toEqual([
      '#!/bin/sh\nexport BASE=1\nexport APP_HOME=1\necho a\n',
      '#!/bin/bash\nexport BASE=1\nexport APP_HOME=1\necho b\n',
    ]);
  });

  it('without a shellcheck binary: no finding and no error', () => {
    const df = parseDockerfile('FROM debian:12\nRUN ls $1', 'Dockerfile');
    expect(shellcheckDockerfile(df, '/nonexistent/shellcheck')).toEqual({ available: false });
  });

  it('# hadolint ignore=SC2086 silences that code only', () => {
    const df = parseDockerfile('FROM debian:12\n# hadolint ignore=SC2086\nRUN cd /app; ls $1', 'Dockerfile');
    const config = defaultConfig();
    expect(runRules({ dockerfile: df, config, rules: [rule] }).map((f) => f.data?.peer)).toEqual(['SC2164']);
  });
});
