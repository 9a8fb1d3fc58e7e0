// Stacking layers as their walks finish (in any order) gives exactly the analysis of the whole
// model, and is ignored when it did not stack the model's own layers.

import { analyzeImage, EarlyStack } from '../../src/analyzers/analyze.js';
import { loadArchiveFile } from '../../src/analyzers/sources/archive/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import { EntryTable } from '../../src/model/entry-table.js';
import type { ImageModel } from '../../src/model/types.js';
import { SHARED } from '../helpers/cli.js';

let model: ImageModel;
const offers: number[] = [];
let early: EarlyStack;

beforeAll(async () => {
  const pool = new WalkPool(1);
  early = new EarlyStack();
  // dive's image: whiteouts, a deleted directory, overwrites, duplicates
  model = await loadArchiveFile(`${SHARED}/peers/dive/test-docker-image.tar`, 'dive', {
    limits: DEFAULT_LIMITS,
    pool,
    onLayer: (index, walk) => {
      offers.push(index);
      early.offer(index, walk.entries);
    },
  });
  await pool.close();
});

test('the archive source reports every layer once, in layer order', () => {
  expect(offers).toEqual(model.layers.map((_, i) => i));
});

test('layers stacked as they came: the same analysis as from the whole model', () => {
  const whole = analyzeImage(model);
  const fromEarly = analyzeImage(model, early);
  expect(fromEarly.efficiency).toEqual(whole.efficiency);
  expect(fromEarly.efficiency.dive.efficiency).toBe(0.9844212134184309);
  expect(fromEarly.stack.removals).toEqual(whole.stack.removals);
  expect(fromEarly.stack.overwrites).toEqual(whole.stack.overwrites);
  expect([...fromEarly.stack.final.keys()].sort()).toEqual([...whole.stack.final.keys()].sort());
  for (const i of model.layers.keys()) expect(fromEarly.stack.changesOf(i)).toEqual(whole.stack.changesOf(i));
});

test('offered out of order (a later layer first): the whole model is analysed instead', () => {
  const shuffled = new EarlyStack();
  const order = model.layers.map((_, i) => i).reverse();
  for (const i of order) shuffled.offer(i, model.layers[i]?.entries ?? EntryTable.from([]));
  expect(analyzeImage(model, shuffled).efficiency).toEqual(analyzeImage(model).efficiency);
});

test('not the model layers (one missing, or other entries): the whole model is analysed instead', () => {
  const partial = new EarlyStack();
  for (const [i, layer] of model.layers.slice(0, -1).entries()) partial.offer(i, layer.entries);
  expect(analyzeImage(model, partial).efficiency).toEqual(analyzeImage(model).efficiency);

  const copies = new EarlyStack();
  for (const [i, layer] of model.layers.entries()) copies.offer(i, EntryTable.from([...layer.entries].slice(0, 1)));
  expect(analyzeImage(model, copies).efficiency).toEqual(analyzeImage(model).efficiency);
});
