// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/maintainer-deprecated.md).
import rule from '../../src/rules/maintainer-deprecated.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="moby@example.com"'],
  invalid: [
    {
      code: '# hadolint DL4000, Trivy DS022, BuildKit MaintainerDeprecated\nFROM alpine:3.20\nMAINTAINER moby@example.com',
      findings: [{ message: 'MAINTAINER is deprecated', line: 3, column: 1, data: { maintainer: 'moby@example.com' } }],
    },
  ],
});
