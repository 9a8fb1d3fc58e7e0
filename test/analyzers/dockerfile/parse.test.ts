import { parseDockerfile } from '../../../src/analyzers/dockerfile/parse.js';
import { rangeOf } from '../../../src/analyzers/dockerfile/positions.js';

const brief = (text: string) =>
  parseDockerfile(text, 'Dockerfile').instructions.map((i) => ({
    keyword: i.keyword,
    args: i.args,
    range: i.range,
    text: text.slice(i.start, i.end),
    stage: i.stage,
  }));

describe('parseDockerfile', () => {
  it('gives exact ranges, offsets and stages', () => {
    const text = 'ARG V=1\nFROM alpine:${V} AS build\nRUN echo hi\n\nFROM scratch\nCOPY --from=build /a /a\n';
    const m = parseDockerfile(text, 'Dockerfile');
    expect(brief(text)).toEqual([
      {
        keyword: 'ARG',
        args: 'V=1',
        range: { line: 1, column: 1, endLine: 1, endColumn: 8 },
        text: 'ARG V=1',
        stage: -1,
      },
      {
        keyword: 'FROM',
        args: 'alpine:${V} AS build',
        range: { line: 2, column: 1, endLine: 2, endColumn: 26 },
        text: 'FROM alpine:${V} AS build',
        stage: 0,
      },
      {
        keyword: 'RUN',
        args: 'echo hi',
        range: { line: 3, column: 1, endLine: 3, endColumn: 12 },
        text: 'RUN echo hi',
        stage: 0,
      },
      {
        keyword: 'FROM',
        args: 'scratch',
        range: { line: 5, column: 1, endLine: 5, endColumn: 13 },
        text: 'FROM scratch',
        stage: 1,
      },
      {
        keyword: 'COPY',
        args: '--from=build /a /a',
        range: { line: 6, column: 1, endLine: 6, endColumn: 24 },
        text: 'COPY --from=build /a /a',
        stage: 1,
      },
    ]);
    expect(
      m.stages.map((s) => [s.index, s.name, s.baseImage, s.from.index, s.instructions.map((i) => i.index)]),
    ).toEqual([
      [0, 'build', 'alpine:${V}', 1, [1, 2]],
      [1, undefined, 'scratch', 3, [3, 4]],
    ]);
    expect(m.escapeChar).toBe('\\');
    expect(m.instructions[2]?.argsStart).toBe(text.indexOf('echo hi'));
  });

  it('joins continuations like the builder (comments and empty lines skipped)', () => {
    const text =
      'FROM x\nRUN apt-get update \\\n  # a comment\n\n  && apt-get install -y curl \\\n  && echo done\nCMD ["sh"]';
    const ins = brief(text);
    expect(ins[1]).toEqual({
      keyword: 'RUN',
      args: 'apt-get update   && apt-get install -y curl   && echo done',
      range: { line: 2, column: 1, endLine: 6, endColumn: 15 },
      text: text.slice(text.indexOf('RUN'), text.indexOf('\nCMD')),
      stage: 0,
    });
    expect(ins[2]?.range).toEqual({ line: 7, column: 1, endLine: 7, endColumn: 11 });
  });

  it('handles CRLF and a BOM (BOM is not a column, offsets count it)', () => {
    const text = '\uFEFFFROM a\r\nRUN x \\\r\n  y\r\nUSER 1\r\n';
    const m = parseDockerfile(text, 'D');
    expect(m.instructions.map((i) => [i.keyword, i.args, i.range, i.start, i.end])).toEqual([
      ['FROM', 'a', { line: 1, column: 1, endLine: 1, endColumn: 7 }, 1, 7],
      ['RUN', 'x   y', { line: 2, column: 1, endLine: 3, endColumn: 4 }, 9, 21],
      ['USER', '1', { line: 4, column: 1, endLine: 4, endColumn: 7 }, 23, 29],
    ]);
    expect(m.text).toBe(text);
  });

  it('honours the escape directive with backtick continuations', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir c:\\ `\n    && echo hi\nCOPY a b\n';
    const m = parseDockerfile(text, 'D');
    expect(m.escapeChar).toBe('`');
    expect(m.instructions.map((i) => [i.keyword, i.args, i.range.line, i.range.endLine])).toEqual([
      ['FROM', 'mcr.microsoft.com/windows', 2, 2],
      ['RUN', 'dir c:\\     && echo hi', 3, 4],
      ['COPY', 'a b', 5, 5],
    ]);
  });

  it('covers heredocs: several, <<- and quoted terminators', () => {
    const text = [
      'FROM alpine',
      "RUN <<EOF cat > /a && cat <<-'EOT' > /b",
      'echo one',
      'EOF',
      '\tline',
      '\tEOT',
      'COPY <<"END" /c',
      'data',
      'END',
      'RUN echo after',
      '',
    ].join('\n');
    const ins = brief(text);
    expect(ins.map((i) => [i.keyword, i.range])).toEqual([
      ['FROM', { line: 1, column: 1, endLine: 1, endColumn: 12 }],
      ['RUN', { line: 2, column: 1, endLine: 6, endColumn: 5 }],
      ['COPY', { line: 7, column: 1, endLine: 9, endColumn: 4 }],
      ['RUN', { line: 10, column: 1, endLine: 10, endColumn: 15 }],
    ]);
    expect(ins[1]?.args).toBe("<<EOF cat > /a && cat <<-'EOT' > /b\necho one\nEOF\n\tline\n\tEOT");
    expect(ins[1]?.text.endsWith('\tEOT')).toBe(true);
  });

  it('returns a model without stages when there is no FROM', () => {
    const m = parseDockerfile('# just a comment\nRUN echo\n', 'D');
    expect(m.stages).toEqual([]);
    expect(m.instructions.map((i) => [i.keyword, i.stage])).toEqual([['RUN', -1]]);
    expect(parseDockerfile('', 'D').instructions).toEqual([]);
  });

  it('reads layerlint ignore comments', () => {
    const text = [
      '# layerlint global ignore=missing-user',
      'FROM ubuntu',
      '# layerlint ignore=apt-no-install-recommends, apt-lists-not-removed',
      '# layerlint ignore=pip-no-cache',
      'RUN apt-get install -y x',
      'RUN echo',
      '#layerlint ignore=shell-form-entrypoint',
      'CMD echo hi',
    ].join('\n');
    const m = parseDockerfile(text, 'D');
    expect(m.globalIgnores).toEqual(['missing-user']);
    expect([...m.lineIgnores.entries()]).toEqual([
      [5, ['apt-no-install-recommends', 'apt-lists-not-removed', 'pip-no-cache']],
      [8, ['shell-form-entrypoint']],
    ]);
  });

  it('reads FROM flags and lower-case AS', () => {
    const m = parseDockerfile('FROM --platform=$BUILDPLATFORM golang:1.22 as Build\nonbuild run x\n', 'D');
    expect(m.stages[0]).toMatchObject({ name: 'Build', baseImage: 'golang:1.22' });
    expect(m.instructions[1]).toMatchObject({ keyword: 'ONBUILD', args: 'run x' });
  });

  it('rangeOf maps offsets to 1-based positions', () => {
    const text = 'FROM a\nRUN b';
    expect(rangeOf(text, 11, 12)).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 6 });
  });
});
