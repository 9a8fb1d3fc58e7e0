import { INSTRUCTION_KEYWORDS as KEYWORDS } from './keywords.js';
/** A history `created_by` reduced to the instruction keyword and its text, whichever builder wrote it. */
export interface ParsedHistory {
  keyword: string; // RUN, COPY, ADD, ENV, CMD, ... ('' when unknown)
  text: string; // the rest: RUN command (shell and build-arg prefix removed), COPY "src... dst", ...
  buildArgs: Record<string, string>; // from a `|N K=V ...` prefix
  builder: 'buildkit' | 'classic' | 'unknown';
}

const NOP_RE = /^\S*\s+-c\s+#\(nop\)\s*/;

export function parseCreatedBy(createdBy: string | undefined, shells: string[][] = [['/bin/sh', '-c']]): ParsedHistory {
  let s = (createdBy ?? '').trim();
  let builder: ParsedHistory['builder'] = 'unknown';
  if (/\s#\s*buildkit$/.test(s)) {
    s = s.replace(/\s#\s*buildkit$/, '').trim();
    builder = 'buildkit';
  }
  const nop = NOP_RE.exec(s);
  if (nop) {
    const rest = s.slice(nop[0].length).trim();
    const kw = /^([A-Za-z]+)\s*/.exec(rest);
    const keyword = kw ? (kw[1] as string).toUpperCase() : '';
    return { keyword, text: rest.slice(kw ? kw[0].length : 0).trim(), buildArgs: {}, builder: 'classic' };
  }
  const kw = /^([A-Z]+)(\s+|$)/.exec(s);
  if (kw && KEYWORDS.has(kw[1] as string)) {
    const keyword = kw[1] as string;
    let text = s.slice(kw[0].length).trim();
    let buildArgs: Record<string, string> = {};
    if (keyword === 'RUN') ({ text, buildArgs } = stripRunPrefix(text, shells));
    return { keyword, text, buildArgs, builder: builder === 'unknown' ? 'buildkit' : builder };
  }
  if (!s) return { keyword: '', text: '', buildArgs: {}, builder };
  // classic builder / buildah RUN: the command line as executed
  const { text, buildArgs } = stripRunPrefix(s, shells);
  return { keyword: 'RUN', text, buildArgs, builder: builder === 'unknown' ? 'classic' : builder };
}

/** Remove `|N K=V ...` and the shell (`/bin/sh -c`) from a recorded RUN command line. */
function stripRunPrefix(s: string, shells: string[][]): { text: string; buildArgs: Record<string, string> } {
  const buildArgs: Record<string, string> = {};
  let text = s;
  const m = /^\|(\d+)\s+/.exec(text);
  if (m) {
    text = text.slice(m[0].length);
    for (let k = 0; k < Number(m[1]); k++) {
      const p = /^([^=\s]+)=(\S*)\s*/.exec(text);
      if (!p) break;
      buildArgs[p[1] as string] = p[2] as string;
      text = text.slice(p[0].length);
    }
  }
  for (const shell of shells) {
    const prefix = `${shell.join(' ')} `;
    if (text.startsWith(prefix)) return { text: text.slice(prefix.length), buildArgs };
  }
  const generic = /^\/bin\/(?:ba|a|da|z)?sh(?:\s+-[a-z]+(?:\s+[a-z]+)?)*?\s+-c\s+/.exec(text);
  if (generic) text = text.slice(generic[0].length);
  return { text, buildArgs };
}
