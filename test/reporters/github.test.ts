import type { RunResult } from '../../src/report/result.js';
import { escapeData, escapeProperty, githubReporter } from '../../src/reporters/github.js';
import { dockerfileOnlyResult } from './fixtures.js';

describe('github workflow commands', () => {
  test('escaping follows the runner: %, CR, LF in data; also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('dir:a,b%\n')).toBe('dir%3Aa%2Cb%25%0A');
  });

  test('one annotation per finding, level by severity, file/line/col/endLine/title', () => {
    const base = dockerfileOnlyResult();
    const f = base.dockerfileFindings?.[0];
    if (!f?.location) throw new Error('fixture has no located finding');
    const result: RunResult = {
      ...base,
      dockerfileFindings: [
        {
          ...f,
          severity: 'error',
          message: 'boom: 100%\nsecond line',
          location: { ...f.location, file: 'dir,x/Docker:file' },
        },
        { ...f, severity: 'note', location: undefined, layer: 3 },
      ],
    };
    const lines = githubReporter(result, { color: false, width: 80 }).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `::error file=dir%2Cx/Docker%3Afile,line=${f.location.line},col=${f.location.column},endLine=${f.location.endLine},endColumn=${f.location.endColumn},title=${f.ruleId}::boom: 100%25%0Asecond line${f.suggestion ? `%0Afix: ${escapeData(f.suggestion)}` : ''}`,
    );
    expect(lines[1]).toMatch(new RegExp(`^::notice title=${f.ruleId}::.*\\[layer 3\\]`));
  });

  test('--sarif-uri also names the file of annotations', () => {
    const text = githubReporter(dockerfileOnlyResult(), { color: false, width: 80, sarifUri: 'docker/Dockerfile' });
    for (const line of text.trimEnd().split('\n'))
      expect(line).toMatch(/^::(warning|notice) file=docker\/Dockerfile,line=\d+/);
  });
});
