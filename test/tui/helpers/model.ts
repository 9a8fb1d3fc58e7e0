// A small image for the explorer's tests: the dive test image's story in five layers.
import { analysisFromRecipe, type ImageRecipe } from '../../../fixtures/builder/index.js';
import type { Finding } from '../../../src/model/types.js';
import { buildImageReport } from '../../../src/report/result.js';
import { createExploreModel, type ExploreModel } from '../../../src/tui/model/explore-model.js';

export const RECIPE: ImageRecipe = {
  layers: [
    {
      createdBy: '/bin/sh -c #(nop) ADD file:base in /',
      files: [
        { path: 'bin', type: 'dir' },
        { path: 'bin/busybox', size: 5000 },
        { path: 'bin/sh', type: 'symlink', target: '/bin/busybox' },
        { path: 'etc', type: 'dir' },
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
        { path: 'root', type: 'dir' },
      ],
    },
    {
      createdBy: '/bin/sh -c mkdir -p /root/example/really/nested',
      files: [{ path: 'root/example/really/nested', type: 'dir' }],
    },
    {
      createdBy: '/bin/sh -c cp /somefile.txt /root/example/',
      files: [
        { path: 'root/example/somefile1.txt', size: 3000, seed: 'some' },
        { path: 'root/example/somefile2.txt', size: 3000, seed: 'some' },
        { path: 'root/big.bin', size: 9000 },
      ],
    },
    {
      createdBy: '/bin/sh -c chmod 444 /root/example/somefile1.txt',
      files: [{ path: 'root/example/somefile1.txt', size: 3000, seed: 'some', mode: 0o444 }],
    },
    { createdBy: '/bin/sh -c rm -rf /root/example/', files: [{ path: 'root/example', type: 'whiteout' }] },
  ],
};

export const FINDINGS: Finding[] = [
  {
    ruleId: 'deleted-but-shipped',
    severity: 'warning',
    message: 'removes 2 files shipped earlier',
    layer: 4,
    paths: ['/root/example/somefile1.txt', '/root/example/somefile2.txt'],
    bytes: 6000,
  },
  { ruleId: 'runs-as-root', severity: 'warning', message: 'the image sets no USER' },
  { ruleId: 'large-file', severity: 'note', message: 'a big file', layer: 2, paths: ['/root/big.bin'] },
];

export async function testModel(findings: Finding[] = FINDINGS): Promise<ExploreModel> {
  const analysis = await analysisFromRecipe(RECIPE, 'test-image.tar');
  const report = buildImageReport(analysis, findings, [], 'error');
  return createExploreModel(report, analysis.stack);
}

/** The node id of a path (throws when absent, to keep tests short). */
export function node(model: ExploreModel, path: string): number {
  const n = model.tree.index.get(path);
  if (n === undefined) throw new Error(`no node ${path}`);
  return n;
}
