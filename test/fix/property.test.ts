import fc from 'fast-check';
import type { TextEdit } from '../../src/model/types.js';
import { fixOnce } from './helpers/pipeline.js';

/** A Dockerfile as lines (without terminators) plus how to join them. */
interface Doc {
  bom: boolean;
  eol: '\n' | '\r\n';
  esc: '\\' | '`';
  lines: string[];
  finalNewline: boolean;
}

const image = fc.constantFrom(
  'alpine:3.20',
  'debian',
  'ubuntu:22.04',
  'golang:1.22',
  'node:20',
  'python:3.12-slim',
  'gcr.io/distroless/static',
  'scratch',
);
const comment = fc.constantFrom('# a comment', '# café ✓ — ñ', '#', '   # indented');

const c = (lines: string[]): fc.Arbitrary<string[]> => fc.constant(lines);

function block(esc: string): fc.Arbitrary<string[]> {
  return fc.oneof(
    image.map((i) => [`FROM ${i}`]),
    image.map((i) => [`FROM ${i} AS build`]),
    c(['RUN apt-get update && apt-get install -y curl']),
    c([`RUN apt-get update ${esc}`, '    && apt-get install -y \\', '       git ca-certificates']),
    c([`RUN apt-get update ${esc}`, '    # why: tools', `    && apt-get install -y make ${esc}`, '    && make']),
    c(['RUN apk add curl']),
    c(['RUN pip install flask', 'RUN rm -rf /root/.cache']),
    c(['RUN curl -o /tmp/a.tgz https://example.com/a.tgz', 'RUN rm -f /tmp/a.tgz']),
    c(['RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF']),
    c(['RUN <<-EOT', '\tapk add git', '\tEOT']),
    c(["RUN <<'EOF' bash", 'echo "$HOME"', 'EOF']),
    c(['COPY <<A /a.txt <<B /b.txt', 'hello', 'A', 'world', 'B']),
    c(['WORKDIR /app', 'COPY . .', 'RUN npm ci']),
    c(['COPY . .', 'RUN go mod download', 'RUN go build -o /app/server .']),
    c(['COPY . /src', 'RUN pip install -r requirements.txt']),
    c(['ADD . /app']),
    c(['CMD node server.js']),
    c(['CMD ["node", "server.js"]']),
    c(['ENTRYPOINT ./run.sh --port "$PORT"']),
    c(['ENTRYPOINT python app.py']),
    c(['CMD ["/app/server"]']),
    c(['EXPOSE 8080 22']),
    c(['ENV A=1 B="two words"']),
    c(['USER 1000']),
    c(['USER root']),
    comment.map((c) => [c]),
    c(['']),
  );
}

const doc: fc.Arbitrary<Doc> = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    esc: fc.constantFrom<'\\' | '`'>('\\', '`'),
    directive: fc.constantFrom('none', 'escape', 'syntax'),
    finalNewline: fc.boolean(),
  })
  .chain((h) =>
    fc.tuple(image, fc.array(block(h.esc), { minLength: 0, maxLength: 12 })).map(([first, blocks]) => {
      const head: string[] = [];
      if (h.directive === 'syntax' || h.esc === '`') head.push('# syntax=docker/dockerfile:1');
      if (h.esc === '`') head.push('# escape=`');
      else if (h.directive === 'escape') head.push('# escape=\\');
      return {
        bom: h.bom,
        eol: h.eol,
        esc: h.esc,
        finalNewline: h.finalNewline,
        lines: [...head, `FROM ${first}`, ...blocks.flat()],
      };
    }),
  );

function render(d: Doc): string {
  const body = d.lines.join(d.eol) + (d.finalNewline ? d.eol : '');
  return (d.bom ? '\ufeff' : '') + body;
}

/** Lines (with terminators) of `text` that no edit touches must appear unchanged, shifted. */
function untouchedLinesKept(text: string, edits: TextEdit[], out: string): boolean {
  let ls = 0;
  while (ls < text.length) {
    const nl = text.indexOf('\n', ls);
    const le = nl < 0 ? text.length : nl + 1;
    const touched = edits.some(
      (e) => (e.range[0] < le && e.range[1] > ls) || (e.range[0] === e.range[1] && e.range[0] > ls && e.range[0] < le),
    );
    if (!touched) {
      let shift = 0;
      for (const e of edits) if (e.range[1] <= ls) shift += e.text.length - (e.range[1] - e.range[0]);
      if (out.slice(ls + shift, ls + shift + (le - ls)) !== text.slice(ls, le)) return false;
    }
    ls = le;
  }
  return true;
}

describe('fix properties over generated Dockerfiles', () => {
  test('output parses, keeps untouched lines, line endings, BOM, escape; a second fix is a no-op', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const text = render(d);
        const first = fixOnce(text);
        const out = first.plan.text;
        // every generated fix passes the safety check (none had to be dropped)
        expect(first.plan.problems).toEqual([]);
        expect(untouchedLinesKept(text, first.plan.edits, out)).toBe(true);
        expect(out.startsWith('\ufeff')).toBe(d.bom);
        if (text.includes('\r\n')) expect(/(^|[^\r])\n/.test(out)).toBe(false);
        else expect(out.includes('\r')).toBe(false);
        expect(out.endsWith('\n')).toBe(text.endsWith('\n'));
        const second = fixOnce(out);
        expect(second.df.escapeChar).toBe(first.df.escapeChar);
        expect(second.plan.text).toBe(out);
      }),
      { numRuns: Number(process.env.FIX_PROPERTY_RUNS ?? 200) },
    );
  });
});
