import rule, { isBuildInstruction } from '../../src/rules/unauditable-layer.js';
import { imageRuleTable } from './image-table.js';

const files = [{ path: 'bin/sh', size: 5 }];

imageRuleTable(rule, {
  valid: [
    {
      name: 'classic builder, BuildKit, build args, SHELL and Windows',
      recipe: {
        layers: [
          { files, createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' },
          { files, createdBy: '/bin/sh -c apt-get update' },
          { files, createdBy: 'RUN /bin/sh -c make # buildkit' },
          { files, createdBy: 'COPY . /app # buildkit' },
          { files, createdBy: '|1 VERSION=2 /bin/sh -c make' },
          { files, createdBy: '/bin/bash -o pipefail -c curl x | sh' },
          { files, createdBy: 'cmd /S /C echo hi' },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'docker import, docker commit and buildah from scratch: one finding per layer',
      recipe: {
        layers: [
          { files, createdBy: '' },
          { files, createdBy: '/bin/sh -c make' },
          { files, createdBy: 'bash' },
          { files, createdBy: '/bin/sh' },
        ],
      },
      findings: [
        {
          layer: 0,
          message: 'layer 0 (5 B) records no build instruction (created_by empty)',
          data: { reason: 'not-an-instruction', createdBy: null },
        },
        { layer: 2, data: { createdBy: 'bash' } },
        { layer: 3, data: { createdBy: '/bin/sh' } },
      ],
    },
    {
      name: 'no history at all: one image-wide finding',
      recipe: { layers: [{ files }, { files }], noHistory: true },
      findings: [{ layer: undefined, message: 'the image has no build history', data: { reason: 'no-history' } }],
    },
  ],
});

describe('isBuildInstruction', () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["sh"]', true],
    ['WORKDIR /app', true],
    ['EXPOSE map[8080/tcp:{}]', true],
    ['powershell -Command Install-Thing', true],
    ['/bin/sh -c', false],
    ['sh', false],
    [undefined, false],
  ])('%s -> %s', (createdBy, want) => {
    expect(isBuildInstruction(createdBy)).toBe(want);
  });
});
