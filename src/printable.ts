// The one escaping of text for a human reader (terminal report, markdown, GitHub annotations, the
// explorer, fix's notes, error lines). Image content (file names, created_by, USER, ENV, tags) and
// registry/daemon answers are written by strangers: a raw control character could move the cursor,
// rewrite lines above, set the terminal title or hide text (bidi overrides, "Trojan Source"). Each
// such character is shown as a visible escape instead, and a newline cannot split a line.
// JSON and SARIF keep the exact text (their encoders escape it).

// C0 controls (tab and newline included: one value stays on one line), DEL, C1 controls, the line
// and paragraph separators, the bidi embeddings/overrides/isolates, and lone surrogates (the
// bytes of a tar name that was not UTF-8, tar/header.ts) (built from a string: a
// regex literal with control characters is what the linter rightly flags elsewhere)
const UNPRINTABLE =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const FIND = new RegExp(UNPRINTABLE);
const ALL = new RegExp(UNPRINTABLE, 'g');

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return SHORT[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
}

/** `text` with every control, separator and bidi-override character made visible (`\x1b`, `\u202e`). */
export function printable(text: string): string {
  return FIND.test(text) ? text.replace(ALL, escapeOne) : text;
}

/** A copy of plain data (a report) with every string, keys included, made printable. */
export function printableData<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableData) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[printable(k)] = printableData(v);
  return out as T;
}
