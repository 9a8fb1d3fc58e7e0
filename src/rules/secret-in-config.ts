import type { DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { RawFinding, Rule, RuleContext } from '../model/types.js';
import { CONTENT_SECRET_RULES } from '../secrets/content-rules.js';
import { scanText } from '../secrets/content-scanner.js';
import {
  atInstruction,
  configInstruction,
  historyInstruction,
  isPlaceholder,
  mask,
  SECRET_KEY_RE,
  URL_CREDENTIALS_RE,
} from './image-kit.js';

type Source = 'env' | 'label' | 'history';

interface Leak {
  source: Source;
  key: string;
  value: string;
  kind: string;
  historyIndex?: number;
}

/**
 * Why a key/value pair is a secret: a known credential format (the content secret rules' own
 * formats and checks, src/secrets), credentials in a URL, or a secret-looking key with a real value.
 */
function classify(key: string, value: string): string | undefined {
  const known = scanText(value, CONTENT_SECRET_RULES)[0];
  if (known) return known.kind;
  if (URL_CREDENTIALS_RE.test(value)) return 'url-credentials';
  return SECRET_KEY_RE.test(key) && !isPlaceholder(value) ? 'secret-name' : undefined;
}

const PAIR_RE = /(?:^|\s)([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|\S+)/g;

/** Build arguments (`|2 A=1 B=2 /bin/sh -c ...`) and KEY=value pairs in a history entry. */
function historyPairs(createdBy: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const m of createdBy.matchAll(PAIR_RE)) {
    out.push({ key: m[1] as string, value: (m[2] as string).replace(/^(["'])(.*)\1$/, '$2') });
  }
  return out;
}

/**
 * Secrets in the image config, readable by anyone who can pull the image: ENV and LABEL values,
 * and history created_by (build args used by a RUN are recorded there, as are inline KEY=value
 * assignments). Reports known token formats (AWS, GitHub, GitLab, npm, Slack, private keys,
 * credentials in URLs) and secret-named keys (PASSWORD, *_TOKEN, API_KEY, ...) with a real value.
 * Values are masked. One finding per source and key.
 *
 * data: source (env | label | history), key, masked, kind, historyIndex (history only).
 */
export const rule: Rule = {
  id: 'secret-in-config',
  meta: {
    description: 'passwords and tokens in ENV, LABEL or the build history (build args leak there)',
    category: 'security',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/secret-in-config.md',
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    securitySeverity: 8.0,
  },
  check(ctx) {
    const image = ctx.analysis?.image;
    if (!image) return [];
    const leaks: Leak[] = [];
    const seen = new Set<string>();
    const add = (leak: Omit<Leak, 'kind'>) => {
      const kind = classify(leak.key, leak.value);
      const id = `${leak.key}\0${leak.value}`;
      if (!kind || seen.has(id)) return;
      seen.add(id);
      leaks.push({ ...leak, kind });
    };
    for (const env of image.config.config?.Env ?? []) {
      const eq = env.indexOf('=');
      if (eq > 0) add({ source: 'env', key: env.slice(0, eq), value: env.slice(eq + 1) });
    }
    for (const [key, value] of Object.entries(image.config.config?.Labels ?? {})) add({ source: 'label', key, value });
    image.history.forEach((h, historyIndex) => {
      for (const p of historyPairs(h.created_by ?? '')) add({ source: 'history', ...p, historyIndex });
    });
    return leaks.map((leak) => finding(ctx, leak));
  },
};
export default rule;

function finding(ctx: RuleContext<unknown>, leak: Leak): RawFinding {
  const masked = mask(leak.value);
  let ins: DockerInstruction | undefined;
  let layer: number | undefined;
  if (leak.source === 'history' && leak.historyIndex !== undefined) {
    ins = historyInstruction(ctx, leak.historyIndex);
    layer = ctx.analysis?.image.layers.find((l) => l.historyIndex === leak.historyIndex)?.index;
  } else {
    ins = configInstruction(ctx, leak.source === 'env' ? 'ENV' : 'LABEL', (args) => args.includes(leak.key));
  }
  const { instructionIndex, ...where } = atInstruction(ctx, ins);
  const what = { env: 'ENV', label: 'LABEL', history: 'the build history' }[leak.source];
  return {
    message: `${what} holds a secret: ${leak.key}=${masked}${leak.kind !== 'secret-name' ? ` (${leak.kind})` : ''}; anyone who can pull the image can read it`,
    ...(layer !== undefined ? { layer } : {}),
    ...where,
    data: {
      source: leak.source,
      key: leak.key,
      masked,
      kind: leak.kind,
      ...(leak.historyIndex !== undefined ? { historyIndex: leak.historyIndex } : {}),
      ...(instructionIndex !== undefined ? { instructionIndex } : {}),
    },
    suggestion:
      leak.source === 'history'
        ? 'Do not pass secrets as build args or inline variables: use RUN --mount=type=secret, then rotate the leaked value.'
        : 'Inject the secret at run time (environment, orchestrator secret, mounted file), remove it from the image, and rotate it.',
  };
}
