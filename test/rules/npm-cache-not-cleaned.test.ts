import rule from '../../src/rules/npm-cache-not-cleaned.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM node:20\nRUN npm ci && npm cache clean --force',
    'FROM node:20\nRUN npm install --omit=dev \\\n && npm cache clean -f',
    'FROM node:20\nRUN npm install -g pm2 && rm -rf ~/.npm',
    'FROM node:20\nRUN npm ci; rm -rf /root/.npm/_cacache',
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci',
    'FROM node:20\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci',
    'FROM node:20\nRUN <<EOF\nnpm ci\nnpm cache clean --force\nEOF',
    'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html',
    'FROM node:20\nRUN npm run build && npm test',
    'FROM node:20\nRUN yarn install --frozen-lockfile',
  ],
  invalid: [
    {
      name: 'plain npm install: canUseCi',
      code: 'FROM node:20\nRUN npm install',
      findings: [
        {
          message: 'npm install without "npm cache clean --force"',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 16,
          data: {
            instructionIndex: 1,
            commandIndex: 0,
            appendOffset: 'FROM node:20\nRUN npm install'.length,
            installWordStart: 'FROM node:20\nRUN npm '.length,
            installWordEnd: 'FROM node:20\nRUN npm install'.length,
            canUseCi: true,
          },
        },
      ],
    },
    {
      name: 'npm i with ci-compatible flags, value in the next word',
      code: 'FROM node:20\nRUN npm i --omit dev --no-audit --loglevel=warn',
      findings: [
        {
          message: 'npm i ',
          line: 2,
          column: 5,
          endColumn: 10,
          data: { instructionIndex: 1, commandIndex: 0, canUseCi: true },
        },
      ],
    },
    {
      name: 'npm ci and a global install: neither can switch; cleanup before the second install does not count',
      code: 'FROM node:20\nWORKDIR /app\nRUN npm ci \\\n  && npm cache clean --force \\\n  && npm install -g pm2@5',
      findings: [
        {
          message: 'npm install',
          line: 5,
          column: 6,
          endLine: 5,
          endColumn: 17,
          data: {
            instructionIndex: 2,
            commandIndex: 2,
            appendOffset:
              'FROM node:20\nWORKDIR /app\nRUN npm ci \\\n  && npm cache clean --force \\\n  && npm install -g pm2@5'
                .length,
            canUseCi: false,
          },
        },
      ],
    },
    {
      name: 'package arguments and flags npm ci does not take',
      code: 'FROM node:20-alpine\nRUN npm install express && npm install --no-package-lock',
      findings: [
        { message: 'npm install', line: 2, column: 5, endColumn: 16, data: { commandIndex: 0, canUseCi: false } },
        { message: 'npm install', line: 2, column: 28, endColumn: 39, data: { commandIndex: 1, canUseCi: false } },
      ],
    },
    {
      name: 'heredoc script: the cleanup goes before the terminator',
      code: 'FROM node:20\nRUN <<EOF\nnpm install\nEOF\n',
      findings: [
        {
          message: 'npm install',
          line: 3,
          column: 1,
          endColumn: 12,
          data: {
            instructionIndex: 1,
            commandIndex: 1,
            appendOffset: 'FROM node:20\nRUN <<EOF\nnpm install\n'.length,
            canUseCi: true,
          },
        },
      ],
    },
    {
      name: 'cache mount elsewhere, sudo wrapper, npm cache clean without --force',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/root/.cache sudo npm ci && npm cache clean',
      findings: [
        {
          message: 'npm ci',
          line: 2,
          column: 49,
          endColumn: 55,
          data: { instructionIndex: 1, commandIndex: 0, canUseCi: false },
        },
      ],
    },
  ],
});
