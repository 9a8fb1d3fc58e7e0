// foldCleanup across instructions: each case is a Dockerfile, the image evidence of the layers the
// instructions made (what each one changed; what the cleanup removed), and the expected outcome:
// the folded text, or the refusal with its reason.

import { applyEdits } from '../../src/fix/apply.js';
import { foldCleanup } from '../../src/fix/fold.js';
import type { FixContext } from '../../src/fix/types.js';
import type { EntryKind, ImageAnalysis } from '../../src/model/types.js';
import { model } from './helpers/pipeline.js';

type Change = [path: string, kind?: EntryKind, change?: 'added' | 'modified' | 'removed'];

/** Evidence: instruction index -> what its layer changed (layer number = instruction index). */
function evidence(layers: Record<number, Change[]>): FixContext {
  const n = Math.max(...Object.keys(layers).map(Number)) + 1;
  const layerChanges = Array.from({ length: n }, (_, i) =>
    (layers[i] ?? []).map(([path, kind = 'file', change = 'added']) => ({
      layer: i,
      change,
      entry: { path, kind, size: 1, mode: 0o644, uid: 0, gid: 0 },
    })),
  );
  const imageLayers = Array.from({ length: n }, (_, i) => ({
    entries: (layers[i] ?? [])
      .filter(([, , change]) => change === 'removed')
      .map(([path]) => ({ path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 })),
  }));
  const entries = Object.keys(layers).map((k) => ({
    historyIndex: Number(k),
    layer: Number(k),
    instruction: { index: Number(k) },
    confidence: 'exact',
  }));
  return {
    analysis: {
      stack: { changesOf: (layer: number) => layerChanges[layer] ?? [] },
      image: { layers: imageLayers },
    } as unknown as ImageAnalysis,
    mapping: { entries, targetStage: 0, layerLines: [] } as unknown as FixContext['mapping'],
  };
}

interface Case {
  name: string;
  input: string;
  creating: number;
  deleting: number;
  layers?: Record<number, Change[]>;
  expected: string | { reason: string };
}

const MAKE = 'FROM debian\nRUN seq 1 9 > /tmp/data.csv && gzip -c /tmp/data.csv > /app/d.gz\n';
const DATA_LAYERS: Record<number, Change[]> = {
  1: [['/tmp', 'dir'], ['/tmp/data.csv'], ['/app', 'dir'], ['/app/d.gz']],
  3: [['/tmp/data.csv', 'file', 'removed']],
};

const cases: Case[] = [
  {
    name: 'an unrelated RUN chmod between them: folded (the image shows it changed /app/run.sh only)',
    input: `${MAKE}RUN chmod +x /app/run.sh\nRUN rm -f /tmp/data.csv\n`,
    creating: 1,
    deleting: 3,
    layers: {
      ...DATA_LAYERS,
      2: [
        ['/app', 'dir', 'modified'],
        ['/app/run.sh', 'file', 'modified'],
      ],
    },
    expected:
      'FROM debian\nRUN seq 1 9 > /tmp/data.csv && gzip -c /tmp/data.csv > /app/d.gz && rm -f /tmp/data.csv\nRUN chmod +x /app/run.sh\n',
  },
  {
    name: 'a COPY elsewhere, and a RUN adding another file to /tmp (the parent dir entry only): folded',
    input: `${MAKE}COPY run.sh /app/run.sh\nRUN rm -f /tmp/data.csv\n`,
    creating: 1,
    deleting: 3,
    layers: { ...DATA_LAYERS, 2: [['/tmp', 'dir', 'modified'], ['/app/run.sh']] },
    expected:
      'FROM debian\nRUN seq 1 9 > /tmp/data.csv && gzip -c /tmp/data.csv > /app/d.gz && rm -f /tmp/data.csv\nCOPY run.sh /app/run.sh\n',
  },
  {
    name: 'a RUN that rewrites the removed file: refused',
    input: `${MAKE}RUN sort -r -o /tmp/data.csv /tmp/data.csv\nRUN rm -f /tmp/data.csv\n`,
    creating: 1,
    deleting: 3,
    layers: { ...DATA_LAYERS, 2: [['/tmp/data.csv', 'file', 'modified']] },
    expected: { reason: 'RUN on line 3 changes /tmp/data.csv, which the cleanup removes' },
  },
  {
    name: 'a RUN that reads the removed file (changes nothing there): refused, it names it',
    input: `${MAKE}RUN wc -l /tmp/data.csv > /app/count\nRUN rm -f /tmp/data.csv\n`,
    creating: 1,
    deleting: 3,
    layers: { ...DATA_LAYERS, 2: [['/app/count']] },
    expected: { reason: 'RUN on line 3 names /tmp/data.csv, which the cleanup removes (it may read it)' },
  },
  {
    name: 'a RUN that reads it by a relative name: refused',
    input: `${MAKE}RUN cd /tmp && wc -l data.csv > /app/count\nRUN rm -f /tmp/data.csv\n`,
    creating: 1,
    deleting: 3,
    layers: { ...DATA_LAYERS, 2: [['/app/count']] },
    expected: { reason: 'RUN on line 3 names /tmp, which the cleanup removes (it may read it)' },
  },
  {
    name: 'a COPY into the removed directory: refused',
    input: 'FROM debian\nRUN mkdir -p /build && make -C /src O=/build\nCOPY extra /build/extra\nRUN rm -rf /build\n',
    creating: 1,
    deleting: 3,
    layers: { 1: [['/build', 'dir']], 2: [['/build/extra']], 3: [['/build', 'dir', 'removed']] },
    expected: { reason: 'COPY on line 3 changes /build/extra, which the cleanup removes' },
  },
  {
    name: 'a RUN between without image evidence: refused',
    input: `${MAKE}RUN chmod +x /app/run.sh\nRUN rm -f /tmp/data.csv\n`,
    creating: 1,
    deleting: 3,
    expected: { reason: 'RUN on line 3 runs between them and the image does not show what it changes' },
  },
  {
    name: 'WORKDIR between and a relative rm: refused',
    input: 'FROM debian\nRUN make\nWORKDIR /app\nRUN rm -rf build\n',
    creating: 1,
    deleting: 3,
    expected: { reason: 'WORKDIR on line 3 changes the directory the relative paths of the cleanup resolve against' },
  },
  {
    name: 'WORKDIR between and an absolute rm: folded',
    input: 'FROM debian\nRUN make -C /src\nWORKDIR /app\nRUN rm -rf /src/build\n',
    creating: 1,
    deleting: 3,
    expected: 'FROM debian\nRUN make -C /src && rm -rf /src/build\nWORKDIR /app\n',
  },
  {
    name: 'USER between: refused',
    input: 'FROM debian\nRUN make -C /src\nUSER app\nRUN rm -rf /src/build\n',
    creating: 1,
    deleting: 3,
    expected: { reason: 'USER on line 3 changes the user that runs the cleanup' },
  },
  {
    name: 'SHELL between: refused',
    input: 'FROM debian\nRUN make -C /src\nSHELL ["/bin/bash", "-c"]\nRUN rm -rf /src/build\n',
    creating: 1,
    deleting: 3,
    expected: { reason: 'SHELL on line 3 changes the shell that runs the cleanup' },
  },
  {
    name: 'ENV between and a cleanup using a variable: refused',
    input: 'FROM debian\nRUN make -C /src\nENV OUT=/src/build\nRUN rm -rf $OUT\n',
    creating: 1,
    deleting: 3,
    expected: { reason: 'ENV on line 3 sets variables and the cleanup uses variables' },
  },
  {
    name: 'apt-get purge right after the install: folded into the install RUN',
    input:
      'FROM debian\nRUN apt-get update && apt-get install -y gcc g++ make\nRUN apt-get purge -y g++ && rm -rf /usr/share/doc\nCMD ["gcc"]\n',
    creating: 1,
    deleting: 2,
    expected:
      'FROM debian\nRUN apt-get update && apt-get install -y gcc g++ make && apt-get purge -y g++ && rm -rf /usr/share/doc\nCMD ["gcc"]\n',
  },
  {
    name: 'apk del across a COPY: folded',
    input: 'FROM alpine\nRUN apk add build-base\nCOPY a.c /src/a.c\nRUN apk del build-base\n',
    creating: 1,
    deleting: 3,
    layers: { 1: [['/usr/bin/gcc']], 2: [['/src/a.c']], 3: [['/usr/bin/gcc', 'file', 'removed']] },
    expected: 'FROM alpine\nRUN apk add build-base && apk del build-base\nCOPY a.c /src/a.c\n',
  },
  {
    name: 'a RUN between the install and the package removal: refused (it may use them)',
    input: 'FROM debian\nRUN apt-get install -y g++\nRUN g++ -o /app /src/a.cc\nRUN apt-get purge -y g++\n',
    creating: 1,
    deleting: 3,
    layers: { 1: [['/usr/bin/g++']], 2: [['/app']], 3: [['/usr/bin/g++', 'file', 'removed']] },
    expected: { reason: 'RUN on line 3 runs between the install and the package removal (it may use the packages)' },
  },
  {
    name: 'a cleanup that does more than clean: refused',
    input: 'FROM debian\nRUN make\nRUN rm -rf /src && make install\n',
    creating: 1,
    deleting: 2,
    expected: { reason: 'the cleanup RUN does more than rm/clean/remove packages' },
  },
];

describe('foldCleanup across instructions', () => {
  test.each(cases)('$name', (c) => {
    const df = model(c.input);
    const at = (i: number) => df.instructions[i];
    const r = foldCleanup(df, at(c.creating), at(c.deleting), c.layers ? evidence(c.layers) : {});
    if (typeof c.expected === 'string') {
      expect(r).toHaveProperty('edits');
      if ('edits' in r) expect(applyEdits(df.text, r.edits).text).toBe(c.expected);
    } else expect(r).toEqual(c.expected);
  });
});
