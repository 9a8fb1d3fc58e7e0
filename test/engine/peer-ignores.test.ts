// The peers' ignore comments apply to the layerlint rules that answer for their ids (rule aliases):
// hadolint's `# hadolint ignore=DL3008` / `# hadolint global ignore=`, BuildKit's
// `# check=skip=A,B` directive above the first instruction.
import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import { defaultConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/run-rules.js';

const ids = (text: string) =>
  runRules({ dockerfile: parseDockerfile(text, 'Dockerfile'), config: defaultConfig() }).map(
    (f) => `${f.location?.line}:${f.ruleId}`,
  );

const BASE = 'FROM debian:12.5\nUSER 1000\n';

describe('hadolint pragmas', () => {
  const text = `${BASE}RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n`;

  it('without a pragma the rule answering for DL3008 reports line 3', () => {
    expect(ids(text)).toContain('3:unpinned-package');
  });

  it('# hadolint ignore=DL3008 on the line above silences it', () => {
    const withPragma = text.replace('RUN', '# hadolint ignore=DL3008,DL3015\nRUN');
    expect(ids(withPragma).filter((i) => i.endsWith(':unpinned-package'))).toEqual([]);
  });

  it('# hadolint global ignore=DL3059 silences the rule everywhere', () => {
    const runs = `${BASE}RUN a\nRUN b\nRUN c\nCOPY x /x\nRUN d\nRUN e\n`;
    expect(ids(runs).filter((i) => i.endsWith(':consecutive-run'))).toEqual(['4:consecutive-run', '8:consecutive-run']);
    expect(ids(`# hadolint global ignore=DL3059\n${runs}`).filter((i) => i.endsWith(':consecutive-run'))).toEqual([]);
  });

  it('an id the rule does not answer for changes nothing', () => {
    const other = text.replace('RUN', '# hadolint ignore=DL3009\nRUN');
    expect(ids(other)).toContain('4:unpinned-package');
  });
});

describe("BuildKit's check directive", () => {
  const text = 'FROM alpine:3.20 as Builder\nMAINTAINER me@example.com\n';

  it('reports the checks it answers for', () => {
    expect(ids(text)).toEqual(
      expect.arrayContaining(['1:keyword-casing', '1:stage-name-casing', '2:maintainer-deprecated']),
    );
  });

  it('# check=skip=A,B above the first instruction skips them', () => {
    const skipped = ids(
      `# syntax=docker/dockerfile:1\n# check=skip=FromAsCasing,MaintainerDeprecated;error=true\n${text}`,
    );
    expect(skipped).toContain('3:stage-name-casing');
    expect(skipped.filter((i) => /keyword-casing|maintainer-deprecated/.test(i))).toEqual([]);
  });

  it('is a plain comment below the first instruction', () => {
    const late = ids(`${text}# check=skip=MaintainerDeprecated\n`);
    expect(late).toContain('2:maintainer-deprecated');
  });
});
