// One image, built and saved by dockerd 20.10, re-written by every producer installed here in
// every format it writes: each is read as the same image (layers, diffIDs, files, dive figures).
import { getRealImage, type RealImage } from '../../fixtures/real/build.js';
import { type ProducerArchive, producerArchives } from '../../fixtures/real/producers.js';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import { openImage } from '../../src/analyzers/sources/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import type { ImageAnalysis } from '../../src/model/types.js';
import { essence } from '../helpers/essence.js';

const pool = new WalkPool(1);
let img: RealImage;
let archives: ProducerArchive[];
let twin: ImageAnalysis;
beforeAll(async () => {
  img = await getRealImage('busybox-deleted');
  archives = await producerArchives(img);
  twin = analyzeImage(await openImage(img.dockerArchive, { limits: DEFAULT_LIMITS, pool }));
}, 20 * 60_000);

test("the dockerd-built twin is dockerd 20.10's docker save", () => {
  expect(twin.image.format).toBe('docker-save-legacy');
  expect(twin.image.layers).toHaveLength(6);
  expect(twin.efficiency.dive.wastedBytes).toBe(300010);
});

const EXPECTED_FORMAT: Record<string, string> = {
  'podman save docker-archive': 'docker-archive-symlinked',
  'podman save oci-archive': 'oci-layout',
  'podman save oci-dir': 'oci-layout',
  'podman save docker-dir': 'skopeo-dir',
  'skopeo copy docker-archive': 'docker-archive-symlinked',
  'skopeo copy oci-archive': 'oci-layout',
  'skopeo copy oci': 'oci-layout',
  'skopeo copy dir': 'skopeo-dir',
  'buildah push docker-archive': 'docker-archive-symlinked',
  'buildah push oci-archive': 'oci-layout',
  'buildah push oci': 'oci-layout',
  'buildah push dir': 'skopeo-dir',
  'umoci oci': 'oci-layout',
  'ctr image export oci + manifest.json': 'docker-save-oci',
  'ctr image export --all-platforms oci + manifest.json': 'docker-save-oci',
};

test.each(Object.keys(EXPECTED_FORMAT))('%s is read as the same image as the twin', async (which) => {
  const archive = archives.find((a) => `${a.producer} ${a.format}` === which);
  expect(archive).toBeDefined();
  const a = analyzeImage(await openImage(archive!.ref, { limits: DEFAULT_LIMITS, pool }));
  expect(a.image.format).toBe(EXPECTED_FORMAT[which]);
  expect(essence(a)).toEqual(essence(twin));
});
