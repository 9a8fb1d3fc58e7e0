// Helpers shared by the image rules: evidence formatting, base-layer detection, Dockerfile
// instructions behind config fields (EXPOSE, USER, ENV...), user parsing and redaction.
import type { DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { FinalEntry, RawFinding, RuleContext } from '../model/types.js';
import { humanBytes } from '../report/format.js';

export { humanBytes };

/** Cap on the paths a finding lists as evidence (largest first). */
export const TOP_PATHS = 10;

export const NO_OPTIONS = { type: 'object', properties: {}, additionalProperties: false } as const;

export const MIN_BYTES_SCHEMA = { type: 'integer', minimum: 0 } as const;
export const INCLUDE_BASE_SCHEMA = {
  type: 'boolean',
  description: "also report what the base image's layers ship (you cannot fix those in this Dockerfile)",
} as const;

/** Paths by size, largest first (ties by path), capped. */
export function topPaths(items: readonly { path: string; size: number }[], cap = TOP_PATHS): string[] {
  return [...items]
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, cap)
    .map((i) => i.path);
}

export function uniqueSorted(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "layer 4" / "layers 4, 5" */
export function layerList(layers: readonly number[]): string {
  return `${layers.length === 1 ? 'layer' : 'layers'} ${layers.join(', ')}`;
}

/**
 * Layers that come from the base image: those the Dockerfile mapping ties to the final FROM, or,
 * without a Dockerfile, layer 0 (dive's convention) unless it is the only layer.
 */
export function baseLayers(ctx: RuleContext<unknown>): Set<number> {
  const layers = ctx.analysis?.image.layers.length ?? 0;
  if (ctx.mapping) {
    const out = new Set<number>();
    for (const e of ctx.mapping.entries) if (e.confidence === 'base' && e.layer !== undefined) out.add(e.layer);
    return out;
  }
  return new Set(layers > 1 ? [0] : []);
}

/** Regular files of the final filesystem. */
export function* finalFiles(ctx: RuleContext<unknown>): Generator<FinalEntry> {
  for (const e of ctx.analysis?.stack.final.values() ?? []) if (e.kind === 'file') yield e;
}

/** The layer that supplied the most bytes (ties: the latest), or undefined when none. */
export function heaviestLayer(bytesByLayer: Map<number, number>): number | undefined {
  let best: number | undefined;
  let bestBytes = -1;
  for (const [layer, bytes] of bytesByLayer) {
    if (bytes > bestBytes || (bytes === bestBytes && layer > (best ?? -1))) {
      best = layer;
      bestBytes = bytes;
    }
  }
  return best;
}

/**
 * The user's Dockerfile instruction behind an image config field (EXPOSE 22, USER app, ENV X=...):
 * the last history entry the mapping ties exactly to an instruction of that keyword whose arguments
 * pass `match`. Config fields make no layer, so the engine could only point at FROM otherwise.
 */
export function configInstruction(
  ctx: RuleContext<unknown>,
  keyword: string,
  match: (args: string) => boolean = () => true,
): DockerInstruction | undefined {
  let found: DockerInstruction | undefined;
  for (const e of ctx.mapping?.entries ?? []) {
    const ins = e.instruction;
    if (e.confidence === 'exact' && ins && ins.keyword === keyword && match(ins.args)) found = ins;
  }
  return found;
}

/** The instruction a history entry maps to exactly. */
export function historyInstruction(ctx: RuleContext<unknown>, historyIndex: number): DockerInstruction | undefined {
  const e = ctx.mapping?.entries.find((m) => m.historyIndex === historyIndex);
  return e?.confidence === 'exact' ? e.instruction : undefined;
}

/** Location + instructionIndex fields for a finding tied to a Dockerfile instruction. */
export function atInstruction(
  ctx: RuleContext<unknown>,
  ins: DockerInstruction | undefined,
): Pick<RawFinding, 'location'> & { instructionIndex?: number } {
  if (!ins || !ctx.dockerfile) return {};
  return { location: { file: ctx.dockerfile.path, ...ins.range }, instructionIndex: ins.index };
}

/** "app:staff" -> { user: 'app', group: 'staff' }; "" -> { user: '' } */
export function parseUserSpec(spec: string | undefined): { user: string; group?: string } {
  const text = (spec ?? '').trim();
  const colon = text.indexOf(':');
  return colon < 0 ? { user: text } : { user: text.slice(0, colon), group: text.slice(colon + 1) };
}

export const isNumericId = (v: string): boolean => /^\d+$/.test(v);

/** name -> uid/gid from the text of /etc/passwd or /etc/group (name:x:id:...). */
export function parseIdDatabase(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 3 && fields[0] && !line.startsWith('#') && isNumericId(fields[2] ?? '')) {
      out.set(fields[0], Number(fields[2]));
    }
  }
  return out;
}

/** A value shown masked: long values keep 4 leading characters (a token prefix says what it is). */
export function mask(value: string): string {
  return value.length >= 16 ? `${value.slice(0, 4)}****` : '****';
}

/** Keys that name a secret: PASSWORD, DB_PASS, API_KEY, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, ... */
export const SECRET_KEY_RE =
  /(?:^|[_.-])(?:pass(?:word|wd)?|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|auth|credentials?)(?:$|[_.-])|(?:password|secret|token|apikey)$/i;

/** Credentials in a URL (scheme://user:password@host), whatever the scheme. */
export const URL_CREDENTIALS_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

/** Values that are not secrets even under a secret-looking key. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^(?:true|false|yes|no|on|off|none|null|changeme|\*+|x+|<[^>]*>)$/i.test(v) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v) ||
    v.startsWith('/') // a path: PASSWORD_FILE=/run/secrets/db
  );
}

/** The configured user and, when /etc/passwd was captured, the uid it resolves to. */
export interface ConfiguredUser {
  spec: string; // as configured ("" when unset)
  user: string;
  group?: string;
  uid?: number; // numeric user, or the name resolved through /etc/passwd
}

export function configuredUser(ctx: RuleContext<unknown>): ConfiguredUser {
  const spec = ctx.analysis?.image.config.config?.User ?? '';
  const { user, group } = parseUserSpec(spec);
  let uid: number | undefined;
  if (user === '' || user === 'root') uid = 0;
  else if (isNumericId(user)) uid = Number(user);
  else {
    const passwd = capturedText(ctx, '/etc/passwd');
    if (passwd !== undefined) uid = parseIdDatabase(passwd).get(user);
  }
  return { spec: spec.trim(), user, group, uid };
}

/** Content the walk captured for a path of the final filesystem (see walk/capture.ts). */
export function capturedText(ctx: RuleContext<unknown>, path: string): string | undefined {
  const e = ctx.analysis?.stack.final.get(path);
  return e?.kind === 'file' ? e.content : undefined;
}

export interface ExposedPort {
  key: string; // as in the config: "22/tcp"
  port: number; // NaN when not a number
  protocol: string;
}

export function exposedPorts(ctx: RuleContext<unknown>): ExposedPort[] {
  return Object.keys(ctx.analysis?.image.config.config?.ExposedPorts ?? {}).map((key) => {
    const [port = '', protocol = 'tcp'] = key.split('/');
    return { key, port: /^\d+$/.test(port) ? Number(port) : Number.NaN, protocol: protocol.toLowerCase() };
  });
}

/** Does an EXPOSE argument list name this port ("22", "22/tcp", "20-25")? */
export function exposeArgsName(args: string, port: number): boolean {
  return args.split(/\s+/).some((tok) => {
    const p = tok.split('/')[0] ?? '';
    const range = /^(\d+)-(\d+)$/.exec(p);
    return range ? Number(range[1]) <= port && port <= Number(range[2]) : p === String(port);
  });
}

/** Where an EXPOSE'd port came from in the Dockerfile, as finding fields. */
export function exposeLocation(ctx: RuleContext<unknown>, port: ExposedPort) {
  const ins = configInstruction(ctx, 'EXPOSE', (args) =>
    Number.isNaN(port.port) ? args.includes(port.key.split('/')[0] ?? '') : exposeArgsName(args, port.port),
  );
  return atInstruction(ctx, ins);
}

/** Security findings from the base image are notes: the user can only change the base. */
export function baseSeverity(ctx: RuleContext<unknown>, layer: number): Pick<RawFinding, 'severity'> {
  return baseLayers(ctx).has(layer) ? { severity: 'note' } : {};
}

export function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}
