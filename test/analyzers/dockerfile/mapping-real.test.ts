import { readFileSync } from 'node:fs';
import { getRealImage, type RealImageName } from '../../../fixtures/real/build.js';
import { mapHistoryToDockerfile } from '../../../src/analyzers/dockerfile/mapping.js';
import { parseDockerfile } from '../../../src/analyzers/dockerfile/parse.js';
import { savedConfig } from '../../helpers/archive-config.js';

const BUILD_TIMEOUT = 20 * 60_000;

async function mapReal(name: RealImageName) {
  const img = await getRealImage(name);
  const config = savedConfig(img.dockerArchive);
  const df = parseDockerfile(readFileSync(img.dockerfile, 'utf8'), img.dockerfile);
  const history = config.history ?? [];
  return mapHistoryToDockerfile(history, config.rootfs?.diff_ids.length ?? 0, df);
}

describe.each(['busybox-deleted', 'busybox-deleted-buildkit', 'busybox-deleted-buildah'] as const)(
  'real image %s',
  (name) => {
    it(
      'maps every layer to its Dockerfile line and the base layer to FROM',
      async () => {
        const m = await mapReal(name);
        // FROM is line 3; RUN lines 4-6, COPY lines 7-8
        expect(m.layerLines).toEqual([3, 4, 5, 6, 7, 8]);
        expect(m.entries.map((e) => e.confidence)).toEqual([
          'base',
          'exact',
          'exact',
          'exact',
          'exact',
          'exact',
          'exact',
          'exact',
          'exact',
        ]);
        expect(m.entries.slice(6).map((e) => e.instruction?.keyword)).toEqual(['USER', 'EXPOSE', 'CMD']);
      },
      BUILD_TIMEOUT,
    );
  },
);

describe('real buildah images built on debian', () => {
  it(
    'single stage: apt, COPY, gcc layers map to lines 3-5',
    async () => {
      const m = await mapReal('debian-gcc-single');
      const own = m.entries.filter((e) => e.confidence === 'exact');
      expect(own.map((e) => e.instruction?.range.line)).toEqual([3, 4, 5, 6]);
      expect(m.entries.filter((e) => e.confidence === 'base').every((e) => e.instruction?.range.line === 2)).toBe(true);
      expect(m.layerLines.slice(-3)).toEqual([3, 4, 5]);
      expect(m.entries.some((e) => e.confidence === 'ambiguous' || e.confidence === 'unmapped')).toBe(false);
    },
    BUILD_TIMEOUT,
  );

  it(
    'multi-stage: only the final stage maps (COPY --from, USER, CMD)',
    async () => {
      const m = await mapReal('debian-gcc-multi');
      expect(m.targetStage).toBe(1);
      const own = m.entries.filter((e) => e.confidence === 'exact');
      expect(own.map((e) => [e.instruction?.keyword, e.instruction?.range.line])).toEqual([
        ['COPY', 8],
        ['USER', 9],
        ['CMD', 10],
      ]);
      expect(m.layerLines[m.layerLines.length - 1]).toBe(8);
      expect(m.entries.filter((e) => e.confidence === 'base').every((e) => e.instruction?.range.line === 7)).toBe(true);
    },
    BUILD_TIMEOUT,
  );
});
