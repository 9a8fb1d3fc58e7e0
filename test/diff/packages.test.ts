import type { PackageUsage } from '../../src/analyzers/packages/index.js';
import { comparePackages } from '../../src/diff/packages.js';

const pkg = (name: string, version: string, bytes: number, extra: Partial<PackageUsage> = {}): PackageUsage => ({
  ecosystem: 'deb',
  name,
  version,
  bytes,
  files: 1,
  installedIn: 1,
  upgradedIn: [],
  wastedBytes: 0,
  ...extra,
});

test('added, removed and upgraded packages with their byte deltas, largest change first', () => {
  const base = [
    pkg('zlib1g', '1.2.13', 200),
    pkg('gcc-12', '12.2', 70_000),
    pkg('curl', '7.88', 500),
    pkg('gone', '1', 5, { removedIn: 2, bytes: 0 }),
  ];
  const head = [
    pkg('zlib1g', '1.3', 250),
    pkg('curl', '7.88', 500),
    pkg('make', '4.3', 1_600),
    pkg('left-pad', '1.3.0', 40, { ecosystem: 'npm', location: '/app/node_modules/left-pad' }),
  ];
  expect(comparePackages(base, head)).toEqual({
    added: 2,
    removed: 1,
    upgraded: 1,
    delta: 250 - 200 - 70_000 + 1_600 + 40,
    changes: [
      {
        ecosystem: 'deb',
        name: 'gcc-12',
        change: 'removed',
        baseVersion: '12.2',
        baseBytes: 70_000,
        headBytes: 0,
        delta: -70_000,
      },
      {
        ecosystem: 'deb',
        name: 'make',
        change: 'added',
        headVersion: '4.3',
        baseBytes: 0,
        headBytes: 1_600,
        delta: 1_600,
      },
      {
        ecosystem: 'deb',
        name: 'zlib1g',
        change: 'upgraded',
        baseVersion: '1.2.13',
        headVersion: '1.3',
        baseBytes: 200,
        headBytes: 250,
        delta: 50,
      },
      {
        ecosystem: 'npm',
        name: 'left-pad',
        location: '/app/node_modules/left-pad',
        change: 'added',
        headVersion: '1.3.0',
        baseBytes: 0,
        headBytes: 40,
        delta: 40,
      },
    ],
  });
});

test('the same packages: no change', () => {
  const same = [pkg('a', '1', 10), pkg('b', '2', 20)];
  expect(comparePackages(same, same)).toEqual({ added: 0, removed: 0, upgraded: 0, delta: 0, changes: [] });
});
