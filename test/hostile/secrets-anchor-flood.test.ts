// Hostile case: text files made of nothing but a secret format's anchor ("eyJ", "://", "AKIA"
// ...) ask the content scanner for a pattern run at every few bytes. The per-file and per-layer
// budgets keep the walk bounded, and a real secret in an ordinary file of the same layer is
// still found.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImage } from '../../fixtures/builder/index.js';
import { withBase62Checksum } from '../../src/secrets/detector.js';
import { fake } from '../rules/content-table.js';
import { runBounded } from './bounded.js';

test('files of anchors do not stall the walk; an ordinary secret beside them is found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'll-hostile-flood-'));
  try {
    const token = withBase62Checksum('ghp_', fake(30, 601));
    const flood = (unit: string) => unit.repeat(Math.floor((4 << 20) / unit.length));
    const archive = join(dir, 'flood.tar');
    await writeImage(
      {
        layers: [
          {
            files: [
              ...['eyJ', '://', 'AKIA', 'xoxb-', 'sk-ant-', 'PRIVATE KEY'].map((unit, i) => ({
                path: `app/flood-${i}.txt`,
                content: flood(unit),
              })),
              { path: 'app/z-config.js', content: `const t = "${token}";\n` },
            ],
          },
        ],
      },
      'docker-legacy',
      archive,
    );
    const r = await runBounded(['analyze', archive, '--format', 'json'], { timeoutMs: 60_000, maxRssMiB: 768 });
    expect(r.killedFor).toBeUndefined();
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { images: { findings: { ruleId: string; paths?: string[] }[] }[] })
      .images[0]?.findings;
    expect(findings?.filter((f) => f.ruleId.startsWith('secret-')).map((f) => [f.ruleId, f.paths])).toEqual([
      ['secret-github', ['/app/z-config.js']],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
