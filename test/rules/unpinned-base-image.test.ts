import rule from '../../src/rules/unpinned-base-image.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine:3.20',
    'FROM scratch',
    'FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'FROM golang:1.22 AS build\nFROM build',
    'ARG V=3.20\nFROM alpine:${V}',
    'ARG IMAGE\nFROM ${IMAGE}',
    'FROM localhost:5000/team/app:1.2',
    { code: 'FROM alpine:latest', options: { allowLatest: true } },
  ],
  invalid: [
    {
      code: 'FROM ubuntu',
      findings: [
        {
          message: 'base image "ubuntu" has no tag',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 12,
          data: { instructionIndex: 0, image: 'ubuntu', reason: 'no-tag' },
          suggestion: 'FROM ubuntu:<version>@sha256:<digest>',
        },
      ],
    },
    {
      code: 'FROM --platform=$BUILDPLATFORM node:latest AS deps\nFROM localhost:5000/app',
      findings: [
        {
          message: 'uses the :latest tag',
          line: 1,
          column: 32,
          endColumn: 43,
          data: { instructionIndex: 0, reason: 'latest' },
        },
        {
          message: '"localhost:5000/app" has no tag',
          line: 2,
          column: 6,
          data: { instructionIndex: 1, reason: 'no-tag' },
        },
      ],
    },
    {
      name: 'ARG-expanded',
      code: 'ARG BASE=debian\nARG TAG=latest\nFROM ${BASE}:${TAG}',
      findings: [
        {
          message: '"debian:latest" uses the :latest tag',
          line: 3,
          column: 6,
          endColumn: 20,
          data: { instructionIndex: 2, image: 'debian:latest', written: '${BASE}:${TAG}', reason: 'latest' },
        },
      ],
    },
  ],
});
