// "Shared layers" counts each layer in the images that have it, never all the images analysed.
import { type ImageRecipe, modelFromRecipe } from '../../fixtures/builder/index.js';
import { defaultConfig } from '../../src/config/types.js';
import { reportImage } from '../../src/pipeline/index.js';
import { sharedLayersOf } from '../../src/report/result.js';
import { renderSharedLayers } from '../../src/reporters/tty-shared-layers.js';
import { runResult } from './helpers.js';

const base = {
  files: [
    { path: 'etc/os-release', content: 'ID=shared\n' },
    { path: 'bin/sh', size: 4000 },
  ],
};
const own = (name: string) => ({ files: [{ path: `app/${name}`, size: 1000 }] });

test('a layer in 2 of 3 images is said to be in 2 of 3, not "shared between 3"', async () => {
  const recipes: ImageRecipe[] = [{ layers: [base, own('a')] }, { layers: [base, own('b')] }, { layers: [own('c')] }];
  const images = await Promise.all(
    recipes.map(async (r, i) => reportImage(await modelFromRecipe(r, `img${i}`), { config: defaultConfig() })),
  );
  const result = { ...runResult(images), ...sharedLayersOf(images) };
  expect(result.sharedLayers.map((l) => l.images)).toEqual([['img0', 'img1']]);
  const text = renderSharedLayers(result, { color: false, width: 80 });
  expect(text).toContain('Shared layers (1 layer is in 2 or more of the 3 images)');
  expect(text).toMatch(/ {2}sha256:[0-9a-f]{12} +4\.0\d kB {2}in 2 of 3 images/);
  expect(text).not.toMatch(/between 3/);
});
