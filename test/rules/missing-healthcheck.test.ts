import rule from '../../src/rules/missing-healthcheck.js';
import { imageRuleTable } from './image-table.js';

const layers = [{ files: [{ path: 'bin/app', size: 10 }] }];

imageRuleTable(rule, {
  valid: [
    {
      name: 'a health check',
      recipe: {
        layers,
        config: { Cmd: ['/bin/app'], Healthcheck: { Test: ['CMD-SHELL', 'wget -qO- localhost || exit 1'] } },
      },
    },
    { name: 'nothing to run (a base or data image)', recipe: { layers, config: {} } },
  ],
  invalid: [
    {
      name: 'a CMD without a health check',
      recipe: { layers, config: { Cmd: ['/bin/app'] } },
      findings: [{ layer: undefined, message: 'defines no HEALTHCHECK', data: { reason: 'none' } }],
    },
    {
      name: 'an ENTRYPOINT without a health check',
      recipe: { layers, config: { Entrypoint: ['/bin/app'] } },
      findings: [{ data: { reason: 'none' } }],
    },
    {
      name: 'HEALTHCHECK NONE',
      recipe: { layers, config: { Cmd: ['/bin/app'], Healthcheck: { Test: ['NONE'] } } },
      findings: [{ message: 'HEALTHCHECK NONE', data: { reason: 'disabled' } }],
    },
    {
      name: 'the Dockerfile defines one the image lacks: said to be dropped, on its line',
      recipe: { layers, config: { Cmd: ['/bin/app'] } },
      dockerfile: 'FROM scratch\nCOPY app /bin/app\nHEALTHCHECK CMD ["/bin/app", "--check"]\nCMD ["/bin/app"]\n',
      findings: [{ line: 3, message: 'a conversion dropped it', data: { reason: 'dropped-by-conversion' } }],
    },
    {
      name: 'the Dockerfile disables it with HEALTHCHECK NONE: reported as missing',
      recipe: { layers, config: { Cmd: ['/bin/app'] } },
      dockerfile: 'FROM scratch\nCOPY app /bin/app\nHEALTHCHECK NONE\nCMD ["/bin/app"]\n',
      findings: [{ message: 'defines no HEALTHCHECK', data: { reason: 'none' } }],
    },
  ],
});
