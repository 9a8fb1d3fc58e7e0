import { compareFindings } from '../../src/diff/findings.js';
import type { Finding } from '../../src/model/types.js';
import { messageShape, withFingerprints } from '../../src/report/fingerprint.js';
import type { DockerfileSummary } from '../../src/report/result.js';

const f = (ruleId: string, message: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity: 'warning',
  message,
  ...extra,
});

function dockerfile(lines: string[]): DockerfileSummary {
  return {
    path: 'Dockerfile',
    targetStage: 0,
    unmappedLayers: [],
    instructions: lines.map((text, index) => ({
      index,
      keyword: text.split(' ')[0] as string,
      line: index + 1,
      column: 1,
      endLine: index + 1,
      endColumn: text.length + 1,
      start: 0,
      end: 0,
      stage: 0,
      text,
      textHash: `hash:${text}`,
    })),
  };
}

const at = (line: number) => ({ location: { file: 'Dockerfile', line, column: 1, endLine: line, endColumn: 2 } });

describe('fingerprints', () => {
  test('survive line shifts, new byte counts and layer digests; change with the instruction or the paths', () => {
    const v1 = dockerfile(['FROM a', 'RUN make', 'RUN rm -rf /tmp/x']);
    const v2 = dockerfile(['FROM a', '# moved', 'ENV A=1', 'RUN make', 'RUN rm -rf /tmp/x']);
    const [a] = withFingerprints([f('r', 'removes 300 kB', { ...at(3), paths: ['/tmp/x'], layerDigest: 'sha256:1' })], {
      dockerfile: v1,
    });
    const [b] = withFingerprints([f('r', 'removes 1.2 MB', { ...at(5), paths: ['/tmp/x'], layerDigest: 'sha256:2' })], {
      dockerfile: v2,
    });
    expect(a?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(b?.fingerprint).toBe(a?.fingerprint);
    const [other] = withFingerprints([f('r', 'removes 300 kB', { ...at(4), paths: ['/tmp/x'] })], { dockerfile: v2 });
    expect(other?.fingerprint).not.toBe(a?.fingerprint); // RUN make is another instruction
    expect(other?.subjectFingerprint).toBe(a?.subjectFingerprint);
  });

  test('without a Dockerfile, the layer history stands for the instruction (shell prefix and builder marks dropped)', () => {
    const layers = (createdBy: string) => [{ index: 2, createdBy }];
    const [classic] = withFingerprints([f('r', 'x', { layer: 2 })], { layers: layers('/bin/sh -c rm -rf /tmp/x') });
    const [kit] = withFingerprints([f('r', 'x', { layer: 2 })], {
      layers: layers('RUN |1 V=2 /bin/sh -c rm -rf /tmp/x # buildkit'),
    });
    const [moved] = withFingerprints([f('r', 'x', { layer: 5 })], {
      layers: [{ index: 5, createdBy: '/bin/sh -c rm -rf /tmp/x' }],
    });
    expect(moved?.fingerprint).toBe(classic?.fingerprint);
    expect(kit?.fingerprint).not.toBe(undefined);
  });

  test('message shapes ignore numbers, units and how many lines are named', () => {
    expect(messageShape('the files still ship in the layer of line 4 (300 kB)')).toBe(
      messageShape('the files still ship in the layers of lines 6, 7 (1.2 MB)'),
    );
    expect(messageShape('efficiency 85.1% below 90%')).toBe('efficiency # below #');
  });
});

describe('compareFindings', () => {
  const base = withFingerprints(
    [
      f('a', 'one', { paths: ['/x'] }),
      f('a', 'one', { paths: ['/x'] }),
      f('b', 'gone'),
      f('c', 'moved', { paths: ['/m'], ...at(1) }),
    ],
    {
      dockerfile: dockerfile(['RUN old']),
    },
  );
  const head = withFingerprints(
    [f('a', 'one', { paths: ['/x'] }), f('d', 'fresh'), f('c', 'moved', { paths: ['/m'], ...at(1) })],
    {
      dockerfile: dockerfile(['RUN new']),
    },
  );

  test('matches as multisets; the rest paired by subject is "updated"', () => {
    const { diff, marked } = compareFindings(base, head);
    expect(diff.unchanged.map((x) => x.ruleId)).toEqual(['a']);
    expect(diff.new.map((x) => x.ruleId)).toEqual(['d']);
    expect(diff.updated.map((x) => x.ruleId)).toEqual(['c']);
    expect(diff.fixed.map((x) => [x.ruleId, x.baselineState])).toEqual([
      ['a', 'absent'],
      ['b', 'absent'],
    ]);
    expect(marked.map((x) => `${x.ruleId}:${x.baselineState}`)).toEqual(['a:unchanged', 'd:new', 'c:updated']);
  });
});
