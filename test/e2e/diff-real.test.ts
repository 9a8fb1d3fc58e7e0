import { getCompareImages } from '../../fixtures/real/compare.js';

test(
  'builds',
  async () => {
    const imgs = await getCompareImages();
    console.log(JSON.stringify(imgs));
  },
  20 * 60_000,
);
