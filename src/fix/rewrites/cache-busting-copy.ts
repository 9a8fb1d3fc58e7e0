import type { DockerfileModel, DockerInstruction } from '../../analyzers/dockerfile/types.js';
import { commandWords, isExecForm, lexShell, type Word } from '../shell.js';
import { insertLinesAfter, instructionAt } from '../text.js';
import type { FixContext, FixGenerator } from '../types.js';

const NEUTRAL = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE']);

/** Commands that only fetch dependencies from manifests, mapped to the manifests they read. */
function manifestsFor(w: Word[], ctx: FixContext): string[] | undefined {
  const v = w.map((x) => x.value);
  const has = (f: string) => ctx.readContextFile?.(f) !== undefined;
  const [p, sub] = v;
  // trust the context only when it has the ecosystem's main manifest (it may not be the context)
  const primary = p === 'go' ? 'go.mod' : 'package.json';
  const known = ctx.readContextFile !== undefined && has(primary);
  if (
    p === 'npm' &&
    (sub === 'ci' || ((sub === 'install' || sub === 'i') && v.slice(2).every((x) => x.startsWith('-'))))
  )
    return known
      ? ['package.json', ...['package-lock.json', 'npm-shrinkwrap.json'].filter(has)]
      : sub === 'ci'
        ? ['package.json', 'package-lock.json']
        : ['package*.json'];
  if (p === 'npm' && sub === 'cache') return [];
  if (p === 'yarn' && (sub === undefined || sub === 'install' || sub.startsWith('-')))
    return ['package.json', 'yarn.lock'];
  if (p === 'pnpm' && (sub === 'install' || sub === 'i') && v.slice(2).every((x) => x.startsWith('-')))
    return ['package.json', 'pnpm-lock.yaml'];
  if (p === 'go' && sub === 'mod' && (v[2] === 'download' || v[2] === 'verify'))
    return known ? ['go.mod', ...['go.sum'].filter(has)] : ['go.mod', 'go.sum'];
  if (/^pip[0-9.]*$/.test(p ?? '') && sub === 'install') {
    const files: string[] = [];
    for (let i = 2; i < v.length; i++) {
      if (v[i] === '-r' || v[i] === '--requirement') files.push(v[++i] ?? '');
      else if (v[i].startsWith('--requirement=')) files.push(v[i].slice(14));
      else if (!v[i].startsWith('-'))
        return v[i].includes('=') || v[i].includes('>') ? undefined : v[i] === 'pip' ? [] : undefined;
    }
    return files.length > 0 && files.every((f) => f && !f.startsWith('/') && !f.includes('$')) ? files : undefined;
  }
  if (p === 'bundle' && sub === 'install') return ['Gemfile', 'Gemfile.lock'];
  if (p === 'composer' && sub === 'install' && v.includes('--no-scripts')) return ['composer.json', 'composer.lock'];
  if (
    (p === 'mvn' || p === './mvnw') &&
    v.slice(1).every((x) => x.startsWith('-') || /^dependency:(go-offline|resolve)/.test(x))
  )
    return v.some((x) => x.startsWith('dependency:')) ? ['pom.xml'] : undefined;
  if (p === 'cargo' && sub === 'fetch') return ['Cargo.toml', 'Cargo.lock'];
  if (p === 'rm' || p === 'apt-get' || p === 'apk') return [];
  return undefined;
}

/** The manifests a dependency-only install RUN reads, undefined when it does anything else. */
function installManifests(df: DockerfileModel, install: DockerInstruction, ctx: FixContext): string[] | undefined {
  if (install.keyword !== 'RUN' || isExecForm(df, install)) return undefined;
  const sh = lexShell(df, install);
  if (sh.complex || sh.heredoc) return undefined;
  const all: string[] = [];
  for (const c of sh.commands) {
    if (c.words.some((w) => w.value.startsWith('--') && w === c.words[0])) return undefined; // RUN --mount...
    const m = manifestsFor(commandWords(c), ctx);
    if (!m) return undefined;
    for (const f of m) if (!all.includes(f)) all.push(f);
  }
  return all.length > 0 ? all : undefined;
}

/** `COPY [flags] . <dest>` -> flags and dest; undefined for anything else. */
function wholeContextCopy(copy: DockerInstruction): { flags: string[]; dest: string } | undefined {
  if (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') return undefined;
  const parts = copy.args.trim().split(/\s+/);
  const flags = parts.filter((p) => p.startsWith('--'));
  const rest = parts.filter((p) => !p.startsWith('--'));
  if (flags.some((f) => /^--(from|parents|exclude)\b/.test(f)) || rest.length !== 2) return undefined;
  if (rest[0] !== '.' && rest[0] !== './') return undefined;
  if (rest[1].startsWith('[') || rest[1].includes('$')) return undefined;
  const dest = rest[1].endsWith('/') ? rest[1] : `${rest[1]}/`;
  return {
    flags: copy.keyword === 'ADD' ? flags.filter((f) => f.startsWith('--chown') || f.startsWith('--chmod')) : flags,
    dest,
  };
}

export const fixCacheBustingCopy: FixGenerator = (finding, df, ctx) => {
  const d = finding.data ?? {};
  const copy = instructionAt(df, d.copyInstructionIndex ?? d.instructionIndex);
  const install = instructionAt(df, d.installInstructionIndex ?? d.installIndex);
  const skeleton =
    'Copy only the dependency manifests, install, then copy the rest, e.g. COPY package.json package-lock.json ./ / RUN npm ci / COPY . .';
  if (!copy || !install || copy.stage !== install.stage || copy.index >= install.index) return { suggestion: skeleton };
  const whole = wholeContextCopy(copy);
  const manifests = installManifests(df, install, ctx);
  const between = df.instructions.filter((i) => i.index > copy.index && i.index < install.index);
  if (!whole || !manifests || between.some((i) => !NEUTRAL.has(i.keyword))) return { suggestion: skeleton };
  const manifestCopy = ['COPY', ...whole.flags, ...manifests, whole.dest].join(' ');
  const original = df.text.slice(copy.start, copy.end);
  return {
    edits: [{ range: [copy.start, copy.end], text: manifestCopy }, insertLinesAfter(df, install, [original])],
  };
};
