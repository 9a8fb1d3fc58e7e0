// The package-manager-cache fix: the cleanup of the cache the image shows goes at the end of the
// RUN whose layer holds it, unless a later RUN needs the cache or the RUN only cleans up.
import { attachFixes } from '../../src/fix/attach.js';
import { planFixes } from '../../src/fix/plan.js';
import type { FixContext } from '../../src/fix/types.js';
import type { Finding } from '../../src/model/types.js';
import { model } from './helpers/pipeline.js';

/** layer i made by instruction i (exact mapping) */
function mapped(n: number): FixContext {
  const entries = Array.from({ length: n }, (_, i) => ({
    historyIndex: i,
    layer: i,
    instruction: { index: i, keyword: 'RUN' },
    confidence: 'exact',
  }));
  return { mapping: { entries, targetStage: 0, layerLines: [] } as unknown as FixContext['mapping'] };
}

interface Case {
  name: string;
  input: string;
  layer: number;
  kind: string;
  roots: string[];
  expected: string;
  suggestion?: RegExp;
}

const cases: Case[] = [
  {
    name: "apt's .debs: apt-get clean closes the install RUN",
    input: 'FROM debian\nRUN apt-get update && apt-get install -y gcc\nCMD ["gcc"]\n',
    layer: 1,
    kind: 'apt-archives',
    roots: ['/var/cache/apt'],
    expected: 'FROM debian\nRUN apt-get update && apt-get install -y gcc && apt-get clean\nCMD ["gcc"]\n',
  },
  {
    name: 'pip cache: its directory is removed',
    input: 'FROM python:3.12\nRUN pip install flask\n',
    layer: 1,
    kind: 'pip',
    roots: ['/root/.cache/pip'],
    expected: 'FROM python:3.12\nRUN pip install flask && rm -rf /root/.cache/pip\n',
  },
  {
    name: "a later apt-get install needs apt's lists: refused",
    input: 'FROM debian\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get install -y make\n',
    layer: 1,
    kind: 'apt-lists',
    roots: ['/var/lib/apt/lists'],
    expected: 'FROM debian\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get install -y make\n',
    suggestion: /not rewritten automatically: the RUN on line 3 may use the cache/,
  },
  {
    name: 'a later apt-get purge does not need the cache: cleaned',
    input: 'FROM debian\nRUN apt-get update && apt-get install -y gcc g++\nRUN apt-get purge -y g++\n',
    layer: 1,
    kind: 'apt-lists',
    roots: ['/var/lib/apt/lists'],
    expected:
      'FROM debian\nRUN apt-get update && apt-get install -y gcc g++ && rm -rf /var/lib/apt/lists/*\nRUN apt-get purge -y g++\n',
  },
  {
    name: 'the cache is in a RUN that only cleans up: fold that instead',
    input: 'FROM debian\nRUN apt-get update && apt-get install -y gcc g++\nRUN apt-get purge -y g++\n',
    layer: 2,
    kind: 'apt-archives',
    roots: ['/var/cache/apt'],
    expected: 'FROM debian\nRUN apt-get update && apt-get install -y gcc g++\nRUN apt-get purge -y g++\n',
    suggestion: /the RUN on line 3 only cleans up/,
  },
];

describe('package-manager-cache fix', () => {
  test.each(cases)('$name', (c) => {
    const df = model(c.input);
    const finding: Finding = {
      ruleId: 'package-manager-cache',
      severity: 'warning',
      message: 'm',
      layer: c.layer,
      data: { kind: c.kind, roots: c.roots },
    };
    const [f] = attachFixes([finding], df, mapped(df.instructions.length));
    expect(planFixes([f], df).text).toBe(c.expected);
    if (c.suggestion) expect(f.suggestion).toMatch(c.suggestion);
  });
});
