import { dirname, isAbsolute, join, relative } from 'node:path';
import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import { MAX_DOCKERFILE_BYTES } from '../commands/shared.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readInputFile, readInputFileSync } from '../io/input-file.js';
import type { Finding } from '../model/types.js';
import { printable } from '../printable.js';
import { humanBytes } from '../report/format.js';
import { FIXABLE, FIXED } from '../report/wording.js';
import { attachFixes } from './attach.js';
import { unifiedDiff } from './diff.js';
import { planFixes } from './plan.js';
import { totalSavings } from './savings.js';
import type { FixContext } from './types.js';

export interface FixWriter {
  write(chunk: string): unknown;
}

export interface RunFixOptions {
  dockerfilePath: string;
  write: boolean;
  findings: Finding[];
  dockerfile: DockerfileModel;
  stdout: FixWriter;
  stderr: FixWriter;
  /** image analysis / layer mapping; build context files default to the Dockerfile's directory */
  ctx?: FixContext;
  /** filled with the fixed text and the fixed findings (for --prove) */
  result?: { text?: string; fixed?: Finding[] };
  /** more lines for "Not fixed automatically" (what the command could not try) */
  notes?: string[];
}

/**
 * `layerlint fix`: prints the unified diff of the fixes (or writes them with `write`), then the
 * suggestions that are not automatic. Exit code: 0 nothing left to fix (or written and nothing
 * left), 1 fixes to apply (dry run) or fixable findings that could not be applied, 2 error.
 */
export async function runFix(opts: RunFixOptions): Promise<number> {
  const { dockerfile, stdout, stderr } = opts;
  try {
    const onDisk = await readInputFile(opts.dockerfilePath, 'the Dockerfile', MAX_DOCKERFILE_BYTES);
    if (!onDisk.equals(Buffer.from(dockerfile.text, 'utf8'))) {
      const why = Buffer.from(onDisk.toString('utf8'), 'utf8').equals(onDisk)
        ? 'changed since it was analysed'
        : 'is not valid UTF-8';
      stderr.write(`${printable(`layerlint fix: ${opts.dockerfilePath} ${why}; nothing written`)}\n`);
      return 2;
    }
    const ctx: FixContext = { readContextFile: contextReader(opts.dockerfilePath), ...opts.ctx };
    // attach in one call: attachFixes keeps a single stage split and drops the missing-user edit
    // it supersedes only when it sees all the findings together
    const pending = opts.findings.filter((f) => !f.fix);
    const attached = new Map(attachFixes(pending, dockerfile, ctx).map((f, i) => [pending[i], f] as const));
    const findings = opts.findings.map((f) => attached.get(f) ?? f);
    const plan = planFixes(findings, dockerfile);
    if (opts.result) Object.assign(opts.result, { text: plan.text, fixed: plan.fixed });
    const displayPath = isAbsolute(opts.dockerfilePath)
      ? relative(process.cwd(), opts.dockerfilePath)
      : opts.dockerfilePath;
    const diff = unifiedDiff(dockerfile.text, plan.text, displayPath.replace(/\\/g, '/'));
    if (opts.write && diff) await writeFileAtomic(opts.dockerfilePath, plan.text, { expected: onDisk });
    else if (diff) stdout.write(diff);
    const notes = suggestions(findings, plan.fixed);
    for (const p of plan.problems) notes.push(p);
    notes.push(...(opts.notes ?? []));
    if (notes.length > 0)
      stderr.write(`\nNot fixed automatically:\n${notes.map((n) => `  - ${printable(n)}`).join('\n')}\n`);
    stderr.write(`${printable(fixSummary(plan.fixed, Boolean(diff), opts.write, displayPath))}\n`);
    if (opts.write) return plan.unfixed.length > 0 ? 1 : 0;
    return diff ? 1 : 0;
  } catch (e) {
    stderr.write(`${printable(`layerlint fix: ${opts.dockerfilePath}: ${(e as Error).message}; nothing written`)}\n`);
    return 2;
  }
}

/** The last line: what was fixed (--write), what `layerlint fix` can do (dry run), or that nothing is left. */
function fixSummary(fixed: Finding[], changed: boolean, write: boolean, path: string): string {
  if (!changed || fixed.length === 0) return `layerlint fix: nothing to fix automatically in ${path}`;
  const what = fixed
    .map((f) => `${f.ruleId}${f.location ? ` (line ${f.location.line})` : ''}${savesNote(f)}`)
    .join(', ');
  const total = totalSavings(fixed);
  const n = `${fixed.length} finding${fixed.length === 1 ? '' : 's'}${total > 0 ? ` (expected to save ${humanBytes(total)})` : ''}`;
  return write
    ? `layerlint fix: ${FIXED} ${n} in ${path}: ${what}`
    : `${FIXABLE} for ${n}: ${what}; the diff above is the change (apply it with --write)`;
}

function savesNote(f: Finding): string {
  const bytes = f.data?.expectedSavingsBytes;
  return typeof bytes === 'number' && bytes > 0 ? ` saves ${humanBytes(bytes)}` : '';
}

function suggestions(findings: Finding[], fixed: Finding[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    if (fixed.includes(f) || !f.suggestion) continue;
    const where = f.location ? `line ${f.location.line}: ` : '';
    out.push(`${f.ruleId} (${where}${f.message}): ${f.suggestion}`);
  }
  return out;
}

/** the context files a fix reads (package.json, requirements.txt, lock files) */
const MAX_CONTEXT_FILE = 8 * 1024 * 1024;

/** Reads build-context files next to the Dockerfile (the usual `docker build .` layout). */
function contextReader(dockerfilePath: string): (rel: string) => string | undefined {
  const dir = dirname(dockerfilePath);
  return (rel) => {
    if (isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return undefined;
    try {
      return readInputFileSync(join(dir, rel), rel, MAX_CONTEXT_FILE).toString('utf8');
    } catch {
      return undefined;
    }
  };
}
