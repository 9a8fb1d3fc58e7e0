import rule from '../../src/rules/pip-no-cache.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask',
    'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install flask',
    'FROM python:3.12 AS build\nRUN pip install flask\nFROM scratch',
    'FROM python:3.12\nRUN pip freeze',
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt',
      findings: [
        {
          message: 'pip install without --no-cache-dir',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 16,
          data: {
            instructionIndex: 1,
            commandIndex: 0,
            insertOffset: 'FROM python:3.12\nRUN pip install'.length,
          },
        },
      ],
    },
    {
      code: 'FROM python:3.12\nRUN python3 -m pip install -U pip && pip3.12 install .',
      findings: [
        {
          message: 'pip install',
          line: 2,
          column: 5,
          endColumn: 27,
          data: { instructionIndex: 1, commandIndex: 0 },
        },
        {
          message: 'pip install',
          line: 2,
          column: 38,
          endColumn: 53,
          data: { instructionIndex: 1, commandIndex: 1 },
        },
      ],
    },
  ],
});
