import { render } from 'ink-testing-library';
import { ImagePane } from '../../../src/tui/components/ImagePane.js';
import { lines } from '../helpers/ink.js';
import { testModel } from '../helpers/model.js';

test('total size, efficiency (dive and corrected) and wasted bytes', async () => {
  const { report } = await testModel();
  const { lastFrame } = render(<ImagePane report={report} width={60} />);
  const out = lines(lastFrame());
  expect(out[0]).toContain('Image test-image.tar');
  expect(out[1]).toMatch(/size 23\.0 kB · 5 layers · user 18\.0 kB/);
  expect(out[2]).toMatch(/efficiency \d+\.\d\d% dive · \d+\.\d\d% corrected/);
  expect(out[3]).toMatch(/wasted 6\.00 kB dive · 3\.00 kB reclaimable/);
  expect(out).toHaveLength(4);
});
