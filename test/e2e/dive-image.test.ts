// The must-show: dive's own test image, with its Dockerfile, reports where its bytes are wasted on
// the Dockerfile lines that wasted them. Figures from dive's test data (../shared/peers/dive/EXPECTED.md):
// somefile{1,2,3}.txt and saved.txt are copies of the 6405-byte README.md.
import { ensureBuilt, type Finding, jsonReport, layerlint } from '../cli/run-cli.js';

const IMAGE = '../shared/peers/dive/test-docker-image.tar';
const DOCKERFILE = '../shared/peers/dive/Dockerfile.test-image';
const README = 6405;

let findings: Finding[];
let code: number | null;
beforeAll(async () => {
  await ensureBuilt();
  const r = layerlint(['analyze', IMAGE, '--dockerfile', DOCKERFILE, '--format', 'json']);
  code = r.code;
  findings = jsonReport(r).findings;
}, 300_000);

const of = (rule: string) =>
  findings.filter((f) => f.ruleId === rule).sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));

describe('dive test image with its Dockerfile', () => {
  it('fails the default dive CI gate (user wasted 48% > 10%): exit 1', () => {
    expect(code).toBe(1);
    expect(of('image-efficiency')).toMatchObject([
      {
        severity: 'error',
        bytes: 32025,
        location: { line: 1 },
        data: { thresholds: [{ threshold: 'highestUserWastedPercent', limit: 0.1, actual: 0.4834911001404049 }] },
      },
    ]);
  });

  it('deleted-but-shipped on line 8 (mv) for somefile3.txt; on line 10 (rm -rf /root/example/) it is one finding with cleanup-in-separate-layer', () => {
    expect(
      of('deleted-but-shipped').map((f) => ({
        line: f.location?.line,
        layer: f.layer,
        bytes: f.bytes,
        paths: f.paths,
        data: f.data,
      })),
    ).toEqual([
      {
        line: 8,
        layer: 7,
        bytes: README,
        paths: ['/root/example/somefile3.txt'],
        data: {
          createdLayers: [6],
          createdLayer: 6,
          removedLayer: 7,
          removedPaths: ['/root/example/somefile3.txt'],
          fileCount: 1,
          how: ['whiteout'],
        },
      },
    ]);
    expect(
      of('cleanup-in-separate-layer').map((f) => ({
        line: f.location?.line,
        layer: f.layer,
        bytes: f.bytes,
        paths: f.paths,
        related: f.related,
        evidence: f.data?.evidence,
      })),
    ).toEqual([
      {
        line: 10,
        layer: 9,
        bytes: 2 * README, // 12810
        paths: ['/root/example/somefile1.txt', '/root/example/somefile2.txt'],
        related: ['deleted-but-shipped'],
        evidence: [
          {
            ruleId: 'deleted-but-shipped',
            createdLayers: [4, 5],
            createdLayer: 5,
            removedLayer: 9,
            removedPaths: ['/root/example'],
            fileCount: 2,
            how: ['parent'],
          },
        ],
      },
    ]);
  });

  it('overwritten-file, metadata only, on line 5 (chmod 444) and line 14 (chmod +x)', () => {
    expect(
      of('overwritten-file').map((f) => ({
        line: f.location?.line,
        layer: f.layer,
        bytes: f.bytes,
        paths: f.paths,
        metadataOnly: f.data?.metadataOnly,
      })),
    ).toEqual([
      { line: 5, layer: 4, bytes: README, paths: ['/root/example/somefile1.txt'], metadataOnly: true },
      { line: 14, layer: 13, bytes: README, paths: ['/root/saved.txt'], metadataOnly: true },
    ]);
    for (const f of of('overwritten-file')) expect(f.message).toContain('chmod/chown re-ships the whole file');
  });

  it('duplicate-content: the five copies of README.md, on the line of the newest copy (14, chmod +x re-ships /root/saved.txt)', () => {
    expect(
      of('duplicate-content').map((f) => ({
        line: f.location?.line,
        layer: f.layer,
        bytes: f.bytes,
        paths: f.paths,
        layers: (f.data?.groups as { layers: number[] }[] | undefined)?.map((g) => g.layers),
      })),
    ).toEqual([
      {
        line: 14,
        layer: 13,
        bytes: 4 * README, // 25620
        paths: [
          '/somefile.txt',
          '/root/.saved.txt',
          '/tmp/saved.again1.txt',
          '/root/.data/saved.again2.txt',
          '/root/saved.txt',
        ],
        layers: [[1, 8, 11, 12, 13]],
      },
    ]);
  });
});
