import rule from '../../src/rules/cache-busting-copy.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build',
    'FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./...',
    'FROM node:20 AS deps\nCOPY . .\nFROM node:20\nRUN npm ci',
    'FROM node:20\nCOPY . .\nRUN npm install -g typescript',
    'FROM node:20 AS b\nFROM node:20\nCOPY --from=b . .\nRUN npm ci',
  ],
  invalid: [
    {
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev',
      findings: [
        {
          message: 'COPY of the whole build context before "npm ci --omit=dev" (line 4)',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 9,
          data: {
            instructionIndex: 2,
            installInstructionIndex: 3,
            ecosystem: 'npm',
            installCommand: 'npm ci --omit=dev',
            manifests: ['package.json', 'package-lock.json'],
          },
        },
      ],
    },
    {
      code: 'FROM python:3.12\nADD . /srv\nRUN echo hi\nRUN pip install --no-cache-dir -r /srv/requirements.txt',
      findings: [
        {
          message: 'ADD of the whole build context',
          line: 2,
          column: 1,
          data: { instructionIndex: 1, installInstructionIndex: 3, ecosystem: 'pip' },
        },
      ],
    },
    {
      code: 'FROM rust:1.80\nCOPY ./ /src\nRUN cargo build --release\nFROM maven:3\nCOPY . .\nRUN mvn -B package',
      findings: [
        {
          message: 'cargo build',
          line: 2,
          column: 1,
          data: { instructionIndex: 1, ecosystem: 'cargo', manifests: ['Cargo.toml', 'Cargo.lock'] },
        },
        {
          message: 'mvn -B package',
          line: 5,
          column: 1,
          data: { instructionIndex: 4, ecosystem: 'maven', installInstructionIndex: 5 },
        },
      ],
    },
    {
      code: 'FROM golang:1.22\nCOPY . .\nRUN go mod download && go build -o /app',
      findings: [
        {
          message: 'go mod download',
          line: 2,
          column: 1,
          data: { ecosystem: 'go', manifests: ['go.mod', 'go.sum'] },
        },
      ],
    },
  ],
});
