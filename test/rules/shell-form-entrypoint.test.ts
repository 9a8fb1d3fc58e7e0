import rule from '../../src/rules/shell-form-entrypoint.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine\nCMD ["sh"]',
    'FROM alpine\nENTRYPOINT ["/app", "--port", "80"]\nCMD []',
    'FROM alpine\nRUN echo not a cmd',
  ],
  invalid: [
    {
      code: 'FROM alpine\nCMD node server.js',
      findings: [
        {
          message: 'CMD uses shell form',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 19,
          data: { instructionIndex: 1, keyword: 'CMD', command: 'node server.js', hasShellSyntax: false },
        },
      ],
    },
    {
      code: 'FROM alpine\nENTRYPOINT exec /app --port $PORT \\\n  --verbose\nCMD ["x"]',
      findings: [
        {
          message: 'ENTRYPOINT uses shell form',
          line: 2,
          column: 1,
          endLine: 3,
          endColumn: 12,
          data: {
            instructionIndex: 1,
            keyword: 'ENTRYPOINT',
            command: 'exec /app --port $PORT   --verbose',
            hasShellSyntax: true,
          },
        },
      ],
    },
    {
      name: 'JSON that is not valid JSON is shell form',
      code: "FROM alpine\nCMD ['sh']",
      findings: [
        {
          message: 'CMD uses shell form',
          line: 2,
          column: 1,
          data: { instructionIndex: 1, hasShellSyntax: true },
        },
      ],
    },
  ],
});
