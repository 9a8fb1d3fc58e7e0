// What the TLS tests read from a CLI run (runCli from test/helpers/cli.ts): the analysis of a
// successful run, to compare sources, and the one line of a failed one.
import type { CliResult } from '../../helpers/cli.js';

/** What must not depend on where or how the image was read (a JSON report's first image). */
export function analysisOf(r: CliResult) {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const image = JSON.parse(r.stdout).images[0];
  const { configDigest, layers, metrics, waste, duplicates, findings } = image;
  return { configDigest, layers, metrics, waste, duplicates, findings };
}

export type Analysis = ReturnType<typeof analysisOf>;

/** The one line a failed run prints, without its "layerlint: " (exit 2, nothing on stdout, no stack trace). */
export function failureLine(r: CliResult): string {
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^layerlint: /);
  return (lines[0] as string).slice('layerlint: '.length);
}

/** `s` as a literal inside a RegExp. */
export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
