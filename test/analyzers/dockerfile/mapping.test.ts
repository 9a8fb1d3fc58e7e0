import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapHistoryToDockerfile } from '../../../src/analyzers/dockerfile/mapping.js';
import { parseDockerfile } from '../../../src/analyzers/dockerfile/parse.js';
import type { HistoryEntry } from '../../../src/model/types.js';
import { savedConfig } from '../../helpers/archive-config.js';
import { SHARED } from '../../helpers/cli.js';

const PEERS = `${SHARED}/peers/dive`;

const h = (created_by: string, empty_layer?: boolean): HistoryEntry =>
  empty_layer ? { created_by, empty_layer } : { created_by };
const nonEmpty = (hist: HistoryEntry[]) => hist.filter((e) => !e.empty_layer).length;

describe('mapHistoryToDockerfile on dive test image (classic builder)', () => {
  const config = savedConfig(join(PEERS, 'test-docker-image.tar'));
  const df = parseDockerfile(readFileSync(join(PEERS, 'Dockerfile.test-image'), 'utf8'), 'Dockerfile.test-image');
  const history = config.history ?? [];
  const layerCount = config.rootfs?.diff_ids.length ?? 0;
  const mapping = mapHistoryToDockerfile(history, layerCount, df, {});
  const lineOfLayerCreatedBy = (fragment: string) => {
    const e = mapping.entries.find((x) => history[x.historyIndex]?.created_by?.includes(fragment));
    return {
      line: e?.instruction?.range.line,
      layerLine: e?.layer === undefined ? undefined : mapping.layerLines[e.layer],
      confidence: e?.confidence,
    };
  };

  it('maps each RUN layer to its line', () => {
    expect(lineOfLayerCreatedBy('rm -rf /root/example/')).toEqual({
      line: 10,
      layerLine: 10,
      confidence: 'exact',
    });
    expect(lineOfLayerCreatedBy('mv /root/example/somefile3.txt')).toEqual({
      line: 8,
      layerLine: 8,
      confidence: 'exact',
    });
    expect(lineOfLayerCreatedBy('chmod 444')).toEqual({ line: 5, layerLine: 5, confidence: 'exact' });
    expect(lineOfLayerCreatedBy('chmod +x /root/saved.txt')).toEqual({
      line: 14,
      layerLine: 14,
      confidence: 'exact',
    });
  });

  it('maps the busybox layers to FROM and every layer to a line', () => {
    expect(mapping.entries.slice(0, 2).map((e) => [e.confidence, e.instruction?.range.line, e.layer])).toEqual([
      ['base', 1, 0],
      ['base', 1, undefined],
    ]);
    expect(mapping.layerLines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(mapping.entries.every((e) => e.confidence === 'exact' || e.confidence === 'base')).toBe(true);
    expect(mapping.targetStage).toBe(0);
  });
});

describe('mapHistoryToDockerfile on synthetic history', () => {
  it('maps BuildKit history with build-arg prefixes and ENV expansion', () => {
    const df = parseDockerfile(
      [
        'FROM node:20-slim',
        'ARG NODE_ENV=production',
        'ENV APP=/app',
        'WORKDIR ${APP}',
        'COPY package.json package-lock.json ./',
        'RUN npm ci --omit=dev && echo $NODE_ENV',
        'COPY . .',
        'RUN ["node", "build.js"]',
        'USER node',
        'CMD ["node", "server.js"]',
      ].join('\n'),
      'Dockerfile',
    );
    const history = [
      h('/bin/sh -c #(nop) ADD file:1234 in / '),
      h('/bin/sh -c #(nop)  CMD ["node"]', true),
      h('ENV APP=/app', true),
      h('WORKDIR /app'),
      h('COPY package.json package-lock.json ./ # buildkit'),
      h('RUN |1 NODE_ENV=production /bin/sh -c npm ci --omit=dev && echo production # buildkit'),
      h('COPY . . # buildkit'),
      h('RUN |1 NODE_ENV=production node build.js # buildkit'),
      h('USER node', true),
      h('CMD ["node" "server.js"]', true),
    ];
    const m = mapHistoryToDockerfile(history, nonEmpty(history), df);
    expect(m.entries.map((e) => [e.historyIndex, e.confidence, e.instruction?.range.line, e.layer])).toEqual([
      [0, 'base', 1, 0],
      [1, 'base', 1, undefined],
      [2, 'exact', 3, undefined],
      [3, 'exact', 4, 1],
      [4, 'exact', 5, 2],
      [5, 'exact', 6, 3],
      [6, 'exact', 7, 4],
      [7, 'exact', 8, 5],
      [8, 'exact', 9, undefined],
      [9, 'exact', 10, undefined],
    ]);
    expect(m.layerLines).toEqual([1, 4, 5, 6, 7, 8]);
  });

  const multi = parseDockerfile(
    [
      'ARG GO=1.22',
      'FROM golang:${GO} AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/app ./cmd/app',
      'FROM build AS test',
      'RUN go test ./...',
      'FROM gcr.io/distroless/static AS final',
      'COPY --from=build /out/app /app',
      'ENTRYPOINT ["/app"]',
    ].join('\n'),
    'Dockerfile',
  );

  it('maps the final stage by default', () => {
    const history = [h('bazel build ...'), h('COPY /out/app /app # buildkit'), h('ENTRYPOINT ["/app"]', true)];
    const m = mapHistoryToDockerfile(history, 2, multi);
    expect(m.targetStage).toBe(2);
    expect(m.entries.map((e) => [e.confidence, e.instruction?.range.line])).toEqual([
      ['base', 8],
      ['exact', 9],
      ['exact', 10],
    ]);
    expect(m.layerLines).toEqual([8, 9]);
  });

  it('with --target, a stage built FROM another stage includes that stage first', () => {
    const history = [
      h('/bin/sh -c #(nop) ADD file:aa in / '),
      h('/bin/sh -c apt-get update', false),
      h('ENV GOLANG_VERSION=1.22.0', true),
      h('WORKDIR /go', false),
      h('WORKDIR /src'),
      h('COPY . . # buildkit'),
      h('RUN /bin/sh -c go build -o /out/app ./cmd/app # buildkit'),
      h('RUN /bin/sh -c go test ./... # buildkit'),
    ];
    const m = mapHistoryToDockerfile(history, 7, multi, { target: 'test' });
    expect(m.targetStage).toBe(1);
    expect(m.entries.map((e) => [e.confidence, e.instruction?.range.line, e.layer])).toEqual([
      ['base', 2, 0],
      ['base', 2, 1],
      ['base', 2, undefined],
      ['base', 2, 2],
      ['exact', 3, 3],
      ['exact', 4, 4],
      ['exact', 5, 5],
      ['exact', 7, 6],
    ]);
  });

  it('marks a history whose commands differ as ambiguous with a note', () => {
    const df = parseDockerfile('FROM alpine\nRUN apk add curl\nRUN echo one\n', 'D');
    const history = [h('/bin/sh -c #(nop) ADD file:x in / '), h('/bin/sh -c apk add curl'), h('/bin/sh -c echo two')];
    const m = mapHistoryToDockerfile(history, 3, df);
    expect(m.entries.map((e) => [e.confidence, e.instruction?.range.line])).toEqual([
      ['base', 1],
      ['exact', 2],
      ['ambiguous', 3],
    ]);
    expect(m.entries[2]?.note).toMatch(/does not match line 3/);
    expect(m.layerLines).toEqual([1, 2, undefined]);
  });

  it('flags a layer count that does not line up with history', () => {
    const df = parseDockerfile('FROM alpine\nRUN echo one\n', 'D');
    const m = mapHistoryToDockerfile([h('/bin/sh -c #(nop) ADD file:x in / '), h('/bin/sh -c echo one')], 3, df);
    expect(m.entries.map((e) => [e.confidence, e.layer])).toEqual([
      ['ambiguous', 1],
      ['ambiguous', 2],
    ]);
    expect(m.entries[1]?.note).toMatch(/history lists 2 layer\(s\) but the image has 3/);
    expect(m.layerLines).toEqual([undefined, undefined, undefined]);
  });

  it('is unmapped for an unknown target or no FROM', () => {
    const m = mapHistoryToDockerfile([h('RUN x')], 1, multi, { target: 'nope' });
    expect(m.entries[0]).toMatchObject({ confidence: 'unmapped', note: 'no stage named nope' });
    const none = mapHistoryToDockerfile([h('RUN x')], 1, parseDockerfile('RUN x\n', 'D'));
    expect(none.entries[0]?.confidence).toBe('unmapped');
  });

  it('reads classic ARG history and buildah-style history', () => {
    const df = parseDockerfile('FROM fedora\nARG V=2\nRUN dnf install -y tool-${V}\nCOPY app /usr/bin/app\n', 'D');
    const history = [
      h('/bin/sh -c #(nop) ADD file:f in / '),
      h('/bin/sh -c #(nop)  ARG V=2', true),
      h('|1 V=3 /bin/sh -c dnf install -y tool-${V}'),
      h('/bin/sh -c #(nop) COPY file:abcdef in /usr/bin/app '),
    ];
    const m = mapHistoryToDockerfile(history, 3, df, { buildArgs: { V: '3' } });
    expect(m.entries.map((e) => [e.confidence, e.instruction?.range.line])).toEqual([
      ['base', 1],
      ['exact', 2],
      ['exact', 3],
      ['exact', 4],
    ]);
  });
});
