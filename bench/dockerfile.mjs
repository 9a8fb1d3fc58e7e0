// Bench line: linting a 500-instruction Dockerfile without ShellCheck (parse + every Dockerfile
// rule, in process, from the build in dist/). Prints the median of 9 runs after 2 warm-ups.
// Usage: node bench/dockerfile.mjs (npm run bench runs it after the image bench).
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url);
const { parseDockerfile } = await import(new URL('dist/analyzers/dockerfile/parse.js', root));
const { runRules } = await import(new URL('dist/engine/run-rules.js', root));
const { defaultConfig } = await import(new URL('dist/config/types.js', root));

const KINDS = [
  'RUN apt-get update && apt-get install -y curl git && rm -rf /var/lib/apt/lists/*',
  'COPY src/ /app/src/',
  'ENV A_VAR=1 B_VAR="two words"',
  'RUN cd /x && make | tee build.log',
  'WORKDIR /app',
  'EXPOSE 8080/tcp',
  'RUN pip install --no-cache-dir flask==3.0.0',
  'ARG VERSION=1.2.3',
];
const lines = ['FROM debian:12.5 AS build'];
for (let i = 1; i < 500; i++) lines.push(i === 250 ? 'FROM debian:12.5' : (KINDS[i % KINDS.length] ?? ''));
const text = `${lines.join('\n')}\n`;
const config = defaultConfig();
config.severities.shellcheck = 'off';

const times = [];
let findings = 0;
for (let k = 0; k < 11; k++) {
  const t0 = performance.now();
  const df = parseDockerfile(text, 'Dockerfile');
  findings = runRules({ dockerfile: df, config }).length;
  if (k >= 2) times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
console.log(
  `dockerfile lint: 500 instructions, ${findings} findings, ${median.toFixed(1)} ms median (target < 100 ms, without ShellCheck)`,
);
