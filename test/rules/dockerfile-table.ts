import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import type { RawFinding, Rule } from '../../src/model/types.js';

export interface ExpectedFinding {
  message: string; // fragment the message must contain
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  data?: Record<string, unknown>; // matched with toMatchObject (instructionIndex always checked when given)
  suggestion?: string; // fragment
}

export interface ValidCase {
  name?: string;
  code: string;
  options?: Record<string, unknown>;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

/** Run a Dockerfile rule's check on a parsed snippet (no image). */
export function runRule(rule: Rule, code: string, options?: Record<string, unknown>): RawFinding[] {
  const dockerfile = parseDockerfile(code, 'Dockerfile');
  return rule.check({
    dockerfile,
    options: { ...(rule.meta.defaultOptions ?? {}), ...(options ?? {}) },
    gate: [],
  });
}

/** ESLint-style table: every valid case yields no finding, every invalid case exactly the listed ones. */
export function ruleTable(rule: Rule, table: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    it('has consistent metadata', () => {
      expect(rule.meta.docs).toBe(`docs/rules/${rule.id}.md`);
      expect(rule.meta.requires).toBe('dockerfile');
      expect(rule.meta.schema).toMatchObject({ type: 'object', additionalProperties: false });
    });

    describe('valid', () => {
      table.valid.forEach((v, k) => {
        const c = typeof v === 'string' ? { code: v } : v;
        it(c.name ?? `valid #${k + 1}: ${firstLines(c.code)}`, () => {
          expect(runRule(rule, c.code, c.options)).toEqual([]);
        });
      });
    });

    describe('invalid', () => {
      table.invalid.forEach((c, k) => {
        it(c.name ?? `invalid #${k + 1}: ${firstLines(c.code)}`, () => {
          const got = runRule(rule, c.code, c.options);
          expect(got.map(shape)).toEqual(
            c.findings.map((f) => ({
              line: f.line,
              column: f.column,
              ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
              ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
            })),
          );
          got.forEach((g, i) => {
            const want = c.findings[i] as ExpectedFinding;
            expect(g.message).toContain(want.message);
            expect(g.location?.file).toBe('Dockerfile');
            expect(typeof g.data?.instructionIndex).toBe('number');
            if (want.data) expect(g.data).toMatchObject(want.data);
            if (want.suggestion) expect(g.suggestion).toContain(want.suggestion);
          });
          function shape(g: RawFinding, i: number) {
            const want = c.findings[i];
            const loc = g.location;
            return {
              line: loc?.line,
              column: loc?.column,
              ...(want?.endLine !== undefined ? { endLine: loc?.endLine } : {}),
              ...(want?.endColumn !== undefined ? { endColumn: loc?.endColumn } : {}),
            };
          }
        });
      });
    });
  });
}

function firstLines(code: string): string {
  const s = code.replace(/\n/g, ' | ');
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}
