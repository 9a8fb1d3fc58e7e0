// The images and Dockerfiles the reporter tests render: real pipeline, fixed rule set (the
// Dockerfile rules plus one test image rule), so the goldens do not move when the catalog grows.
import { type ImageRecipe, modelFromRecipe } from '../../fixtures/builder/index.js';
import type { ImageModel, RawFinding, Rule } from '../../src/model/types.js';
import type { RunResult } from '../../src/report/result.js';
import { dockerfileRules } from '../../src/rules/dockerfile-rules.js';
import { DIVE_DOCKERFILE_TEXT, DIVE_TAR, dockerfileRunResult, imageReport, openArchive, runResult } from './helpers.js';

/** An image rule for reporter tests: bytes a layer ships that a later layer deletes, per creating layer. */
export const shippedThenDeleted: Rule = {
  id: 'test-shipped-then-deleted',
  meta: {
    description: 'Test rule: files shipped in one layer and deleted in a later one',
    category: 'size',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/test-shipped-then-deleted.md',
  },
  check(ctx) {
    const byLayer = new Map<number, { paths: string[]; bytes: number; by: number }>();
    for (const r of ctx.analysis?.stack.removals ?? []) {
      if (r.entry.kind !== 'file' || r.entry.size === 0) continue;
      const g = byLayer.get(r.createdLayer) ?? { paths: [], bytes: 0, by: r.removedLayer };
      g.paths.push(r.path);
      g.bytes += r.entry.size;
      byLayer.set(r.createdLayer, g);
    }
    const out: RawFinding[] = [];
    for (const [layer, g] of [...byLayer].sort((a, b) => a[0] - b[0])) {
      const paths = g.paths.sort();
      out.push({
        layer,
        paths,
        bytes: g.bytes,
        message: `${paths.length} file(s) created in layer ${layer} are deleted by layer ${g.by} but still ship`,
      });
    }
    return out;
  },
};

export const RULES: Rule[] = [...dockerfileRules, shippedThenDeleted].sort((a, b) => a.id.localeCompare(b.id));

export const APP_DOCKERFILE = `FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
# build the app
COPY app /app
RUN rm -rf /var/lib/apt/lists/* /tmp/build.log /usr/share/doc /app/資料/説明書.txt
ENTRYPOINT /app/run --port 8080
`;

export const APP_RECIPE: ImageRecipe = {
  repoTag: 'app:1.0',
  layers: [
    {
      createdBy: '/bin/sh -c #(nop) ADD file:0123456789abcdef in / ',
      files: [
        { path: 'etc/os-release', content: 'ID=debian\n' },
        { path: 'usr/bin/sh', size: 120_000 },
        { path: 'usr/lib/libc.so', size: 900_000 },
        { path: 'usr/share/doc/libc/README', size: 30_000 },
      ],
    },
    {
      createdBy: '/bin/sh -c apt-get update && apt-get install -y curl',
      files: [
        { path: 'usr/bin/curl', size: 250_000 },
        { path: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages', size: 8_800_000 },
        { path: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', size: 151_000 },
        { path: 'var/lib/apt/lists/lock', size: 0 },
        { path: 'tmp/build.log', size: 42_000 },
      ],
    },
    {
      createdBy: '/bin/sh -c #(nop) COPY dir:fedcba9876543210 in /app ',
      files: [
        { path: 'app/run', size: 2_000_000 },
        { path: 'app/config.yml', content: 'port: 8080\n' },
        // a CJK path: wide characters take two terminal columns, the goldens show them aligned
        { path: 'app/資料/説明書.txt', size: 40_000 },
      ],
    },
    {
      createdBy: '/bin/sh -c rm -rf /var/lib/apt/lists/* /tmp/build.log /usr/share/doc /app/資料/説明書.txt',
      files: [
        { path: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages', type: 'whiteout' },
        { path: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', type: 'whiteout' },
        { path: 'tmp/build.log', type: 'whiteout' },
        { path: 'usr/share/doc', type: 'whiteout' },
        { path: 'app/資料/説明書.txt', type: 'whiteout' },
      ],
    },
  ],
  emptyHistory: [{ before: 4, createdBy: '/bin/sh -c #(nop)  ENTRYPOINT ["/bin/sh" "-c" "/app/run --port 8080"]' }],
  config: { Entrypoint: ['/bin/sh', '-c', '/app/run --port 8080'], ExposedPorts: { '8080/tcp': {} } },
};

const models = new Map<string, Promise<ImageModel>>();

/** Models are built once per test file (results are rebuilt: tests may change them). */
function appModel(): Promise<ImageModel> {
  let m = models.get('app');
  if (!m) {
    m = modelFromRecipe(APP_RECIPE, 'registry.example.com/team/app:1.0');
    models.set('app', m);
  }
  return m;
}

export async function appResult(withDockerfile = true): Promise<RunResult> {
  const model = await appModel();
  const report = imageReport(
    model,
    withDockerfile
      ? { dockerfileText: APP_DOCKERFILE, dockerfilePath: 'services/app/Dockerfile', rules: RULES }
      : { rules: RULES },
  );
  return runResult([report]);
}

export async function diveReport(dockerfileText = DIVE_DOCKERFILE_TEXT(), rules: Rule[] | undefined = RULES) {
  const model = await openArchive(DIVE_TAR, 'test-docker-image.tar');
  return imageReport(model, { dockerfileText, dockerfilePath: 'Dockerfile.test-image', rules });
}

export async function diveResult(): Promise<RunResult> {
  return runResult([await diveReport()]);
}

export function dockerfileOnlyResult(): RunResult {
  return dockerfileRunResult(APP_DOCKERFILE, './services/app/Dockerfile', { rules: RULES });
}

/** Every scenario the golden and schema tests render. */
export async function scenarios(): Promise<Record<string, RunResult>> {
  const app = await appResult();
  const dive = await diveResult();
  return {
    dive,
    app,
    'app-no-dockerfile': await appResult(false),
    'dockerfile-only': dockerfileOnlyResult(),
    'two-images': { ...runResult([...dive.images, ...app.images]) },
  };
}
