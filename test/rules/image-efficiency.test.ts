import rule from '../../src/rules/image-efficiency.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 1000 }] };
// layer 1 adds 400 bytes, layer 2 re-ships them with chmod: dive counts 800 wasted bytes
const wasteful = {
  layers: [base, { files: [{ path: 'f', size: 400 }] }, { files: [{ path: 'f', size: 400, mode: 0o755 }] }],
};

imageRuleTable(rule, {
  valid: [
    { name: 'no thresholds configured', recipe: wasteful },
    {
      name: 'dive defaults met',
      thresholds: { lowestEfficiency: 0.9, highestUserWastedPercent: 0.1 },
      recipe: { layers: [base, { files: [{ path: 'a', size: 10 }] }] },
    },
    {
      name: 'limits not exceeded',
      thresholds: { lowestEfficiency: 0.5, highestWastedBytes: 800, highestUserWastedPercent: 1 },
      recipe: wasteful,
    },
  ],
  invalid: [
    {
      name: 'one finding for every failed threshold (they measure the same waste), with dive figures',
      thresholds: { lowestEfficiency: 0.9, highestWastedBytes: 799, highestUserWastedPercent: 0.1 },
      recipe: wasteful,
      findings: [
        {
          layer: undefined,
          bytes: 800,
          message:
            'image efficiency 77.78% is below lowestEfficiency 90.00%; wasted bytes 800 B exceed highestWastedBytes 799 B; wasted bytes are 100.00% of the user layers, above highestUserWastedPercent 10.00% (wasted 800 B; most: /f)',
          data: {
            thresholds: [
              { threshold: 'lowestEfficiency', limit: 0.9, actual: 1400 / 1800 },
              { threshold: 'highestWastedBytes', limit: 799, actual: 800 },
              { threshold: 'highestUserWastedPercent', limit: 0.1, actual: 1 },
            ],
            wastedBytes: 800,
            topPaths: [{ path: '/f', count: 2, cumulativeSize: 800 }],
          },
        },
      ],
    },
    {
      name: 'only the failed thresholds are named',
      thresholds: { lowestEfficiency: 0.5, highestUserWastedPercent: 0.1 },
      recipe: wasteful,
      findings: [
        {
          bytes: 800,
          message: 'wasted bytes are 100.00% of the user layers, above highestUserWastedPercent 10.00% (wasted 800 B',
          data: { thresholds: [{ threshold: 'highestUserWastedPercent', limit: 0.1, actual: 1 }] },
        },
      ],
    },
  ],
});
