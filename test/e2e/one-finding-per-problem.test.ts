// One problem, one finding: on real images analysed with their Dockerfile (fixtures/real, dive's
// test image, the bundled example), no two findings share a Dockerfile line and a cause. A cause is
// a rule id (with the kind of cache or toolchain, or the peer code, it names), and the rule ids that describe the same
// problem (src/engine/same-problem.ts) count as one cause. The figures are printed for the report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getRealImage } from '../../fixtures/real/build.js';
import { SAME_PROBLEM } from '../../src/engine/same-problem.js';
import { ensureBuilt, type Finding, jsonReport, layerlint, REPO } from '../cli/run-cli.js';

// ../shared beside the repo (a worktree elsewhere reads /work/shared)
const SHARED = existsSync(join(REPO, '../shared')) ? join(REPO, '../shared') : '/work/shared';
const DIVE = join(SHARED, 'peers/dive');

/** The problem a rule id stands for: partners named in SAME_PROBLEM map to one name. */
function causeOf(f: Finding): string {
  const pair = SAME_PROBLEM.find((p) => p.image === f.ruleId || p.dockerfile === f.ruleId);
  const id = pair ? `${pair.dockerfile}|${pair.image}` : f.ruleId;
  // the kind of cache/toolchain, or the peer code a rule answers for (shellcheck's SC2086, SC2164...)
  const kind = f.data?.kind ?? f.data?.peer;
  return typeof kind === 'string' && !(pair && pair.image === f.ruleId) ? `${id}:${kind}` : id;
}

/** Findings that share a line and a cause with an earlier one. */
function repeated(findings: Finding[]): string[] {
  const seen = new Map<string, Finding>();
  const out: string[] = [];
  for (const f of findings) {
    if (!f.location) continue;
    const key = `${f.location.line}\0${causeOf(f)}`;
    const first = seen.get(key);
    if (first) out.push(`line ${f.location.line}: ${first.ruleId} and ${f.ruleId}`);
    else seen.set(key, f);
  }
  return out;
}

function analyze(image: string, dockerfile: string): Finding[] {
  const r = layerlint(['analyze', image, '--dockerfile', dockerfile, '--format', 'json']);
  if (r.code !== 0 && r.code !== 1) throw new Error(r.stderr);
  return jsonReport(r).findings;
}

function byRule(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

const cases: { name: string; image: () => Promise<[string, string]> }[] = [
  {
    name: 'debian-gcc-single',
    image: async () => {
      const img = await getRealImage('debian-gcc-single');
      return [img.dockerArchive, img.dockerfile];
    },
  },
  {
    name: 'debian-gcc-multi',
    image: async () => {
      const img = await getRealImage('debian-gcc-multi');
      return [img.dockerArchive, img.dockerfile];
    },
  },
  {
    name: 'busybox-deleted',
    image: async () => {
      const img = await getRealImage('busybox-deleted');
      return [img.dockerArchive, img.dockerfile];
    },
  },
  {
    name: "dive's test image",
    image: async () => [join(DIVE, 'test-docker-image.tar'), join(DIVE, 'Dockerfile.test-image')],
  },
  {
    name: 'the bundled example',
    image: async () => [join(REPO, 'fixtures/example/example-image.tar'), join(REPO, 'fixtures/example/Dockerfile')],
  },
];

beforeAll(() => ensureBuilt(), 300_000);

describe.each(cases)('$name with its Dockerfile', ({ name, image }) => {
  let findings: Finding[];
  beforeAll(async () => {
    const [archive, dockerfile] = await image();
    findings = analyze(archive, dockerfile);
    process.stdout.write(`${name}: ${findings.length} findings ${JSON.stringify(byRule(findings))}\n`);
  }, 20 * 60_000);

  it('reports no problem twice (no two findings share a line and a cause)', () => {
    expect(repeated(findings)).toEqual([]);
  });
});
