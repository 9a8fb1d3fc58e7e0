// Image rules on real images built by buildah from Debian packages (fixtures/real). The expected
// bytes are computed here from the archive with the tar CLI (layer listings stacked with the
// whiteout rules), not from layerlint's walk.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRealImage } from '../../fixtures/real/build.js';
import { ensureBuilt, type Finding, jsonReport, layerlint } from '../cli/run-cli.js';
import { type Node, stackWithTar } from '../support/tar-stack.js';

/** Sum of regular-file bytes per creating layer, for final paths matching `re`, outside `skip` layers. */
function bytesByLayer(fs: Map<string, Node>, re: RegExp, skip = new Set([0])): Map<number, number> {
  const out = new Map<number, number>();
  for (const [path, n] of fs)
    if (n.type === '-' && !skip.has(n.layer) && re.test(path)) out.set(n.layer, (out.get(n.layer) ?? 0) + n.size);
  return out;
}

const GCC =
  /^\/usr\/(?:lib|libexec)\/gcc\/|^\/usr\/bin\/(?:[\w.-]+-)?(?:gcc|g\+\+|c\+\+|cpp|cc)(?:-(?:ar|nm|ranlib))?(?:-[\d.]+)?$/;
const INCLUDE = /^\/usr\/include\//;
const APT_LISTS = /^\/var\/lib\/apt\/lists\//;
const APT_ARCHIVES = /^\/var\/cache\/apt\/(?:archives\/.*\.deb|(?:src)?pkgcache\.bin)$/;

function sh(script: string): string {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
  return r.stdout;
}

const pick = (findings: Finding[], rule: string) =>
  findings
    .filter((f) => f.ruleId === rule)
    .map((f) => ({ kind: f.data?.kind, layer: f.layer, bytes: f.bytes, line: f.location?.line }));

let tmp: string;
beforeAll(async () => {
  await ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'layerlint-real-'));
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('debian-gcc-single: apt-get install gcc in the final stage', () => {
  let fs: Map<string, Node>;
  let archive: string;
  let imageOnly: Finding[];
  let withDockerfile: Finding[];
  beforeAll(async () => {
    const img = await getRealImage('debian-gcc-single');
    archive = img.dockerArchive;
    fs = stackWithTar(img.dockerArchive);
    imageOnly = jsonReport(layerlint(['analyze', img.dockerArchive, '--format', 'json'])).findings;
    withDockerfile = jsonReport(
      layerlint(['analyze', img.dockerArchive, '--dockerfile', img.dockerfile, '--format', 'json']),
    ).findings;
  }, 20 * 60_000);

  it('the tar listing sees what the rules need (sanity check of the test itself)', () => {
    expect(fs.get('/usr/lib/gcc/x86_64-linux-gnu/12/cc1')).toMatchObject({ type: '-', layer: 1 });
    expect([...bytesByLayer(fs, GCC).keys()]).toEqual([1]);
  });

  it('build-toolchain-in-final-image: GCC and the C headers, with the bytes removing them saves', () => {
    const gcc = bytesByLayer(fs, GCC).get(1);
    const headers = bytesByLayer(fs, INCLUDE).get(1);
    expect(gcc).toBeGreaterThan(50_000_000);
    expect(headers).toBeGreaterThan(1_000_000);
    const others = imageOnly.find((f) => f.ruleId === 'build-toolchain-in-final-image' && f.data?.kind === 'packages');
    expect(pick(imageOnly, 'build-toolchain-in-final-image')).toEqual([
      { kind: 'gcc', layer: 1, bytes: gcc, line: undefined },
      { kind: 'packages', layer: 1, bytes: others && listedBytes(others), line: undefined },
      { kind: 'headers', layer: 1, bytes: headers, line: undefined },
    ]);
    // binutils is among the build tools named from dpkg's database
    expect(((others?.data?.packageBytes ?? []) as { name: string }[]).map((p) => p.name)).toContain(
      'binutils-x86-64-linux-gnu',
    );
  });

  /** The final bytes (outside the base layer) of the files the named packages' dpkg lists give. */
  function listedBytes(f: Finding): number {
    const names = ((f.data?.packageBytes ?? []) as { name: string }[]).map((p) => p.name);
    const lists = join(tmp, 'lists');
    mkdirSync(lists, { recursive: true });
    const layer = JSON.parse(sh(`tar -xOf '${archive}' manifest.json`))[0].Layers[1] as string;
    sh(`tar -xOf '${archive}' '${layer}' | tar -x -C '${lists}' --wildcards 'var/lib/dpkg/info/*.list'`);
    let total = 0;
    const seen = new Set<string>();
    for (const name of names) {
      for (const listed of readFileSync(join(lists, 'var/lib/dpkg/info', `${name}.list`), 'utf8').split('\n')) {
        // merged /usr: a listed /bin/x ships as /usr/bin/x
        const path = fs.has(listed) ? listed : `/usr${listed}`;
        const n = fs.get(path);
        if (!n || n.type !== '-' || n.layer === 0 || seen.has(path)) continue;
        seen.add(path);
        total += n.size;
      }
    }
    return total;
  }

  it('package-manager-cache: the .debs and the apt lists the RUN left, per kind', () => {
    const debs = bytesByLayer(fs, APT_ARCHIVES).get(1);
    const lists = bytesByLayer(fs, APT_LISTS).get(1);
    expect(pick(imageOnly, 'package-manager-cache')).toEqual([
      { kind: 'apt-archives', layer: 1, bytes: debs, line: undefined },
      { kind: 'apt-lists', layer: 1, bytes: lists, line: undefined },
    ]);
  });

  it('with the Dockerfile each problem is one finding: the line and fix of the Dockerfile rule, the bytes of the image', () => {
    const debs = bytesByLayer(fs, APT_ARCHIVES).get(1) as number;
    const lists = bytesByLayer(fs, APT_LISTS).get(1) as number;
    const gcc = bytesByLayer(fs, GCC).get(1) as number;
    const headers = bytesByLayer(fs, INCLUDE).get(1) as number;
    const one = (rule: string) =>
      withDockerfile
        .filter((f) => f.ruleId === rule)
        .map((f) => ({ layer: f.layer, bytes: f.bytes, line: f.location?.line, related: f.related }));
    expect(one('apt-lists-not-removed')).toEqual([
      { layer: 1, bytes: debs + lists, line: 3, related: ['package-manager-cache'] },
    ]);
    // the image rule's findings (each checked against the tar listing above) carried by the one finding
    const toolchain = imageOnly
      .filter((f) => f.ruleId === 'build-toolchain-in-final-image')
      .reduce((sum, f) => sum + (f.bytes ?? 0), 0);
    expect(toolchain).toBeGreaterThan(gcc + headers);
    expect(one('single-stage-build')).toEqual([
      { layer: 1, bytes: toolchain, line: 5, related: ['build-toolchain-in-final-image'] },
    ]);
    expect(one('missing-user')).toEqual([{ layer: undefined, bytes: undefined, line: 2, related: ['runs-as-root'] }]);
    for (const rule of ['package-manager-cache', 'build-toolchain-in-final-image', 'runs-as-root'])
      expect(one(rule)).toEqual([]);
  });
});

describe('debian-gcc-multi: the same build in a separate stage', () => {
  let archive: string;
  let dockerfile: string;
  beforeAll(async () => {
    const img = await getRealImage('debian-gcc-multi');
    archive = img.dockerArchive;
    dockerfile = img.dockerfile;
  }, 20 * 60_000);

  it('is flagged for neither, with or without its Dockerfile', () => {
    for (const args of [['--dockerfile', dockerfile], []]) {
      const r = layerlint(['analyze', archive, ...args, '--format', 'json']);
      expect(r.code).toBe(0);
      const findings = jsonReport(r).findings;
      expect(pick(findings, 'build-toolchain-in-final-image')).toEqual([]);
      expect(pick(findings, 'package-manager-cache')).toEqual([]);
    }
  });

  it("the base image's apt lists are reported only with includeBaseImage", () => {
    const cfg = join(tmp, 'base.yaml');
    writeFileSync(cfg, 'rules:\n  package-manager-cache: [warning, { includeBaseImage: true }]\n');
    const lists = bytesByLayer(stackWithTar(archive), APT_LISTS, new Set()).get(0);
    const r = layerlint(['analyze', archive, '--config', cfg, '--format', 'json']);
    expect(pick(jsonReport(r).findings, 'package-manager-cache')).toEqual([
      { kind: 'apt-lists', layer: 0, bytes: lists, line: undefined },
    ]);
  });
});
