import type { ImageAnalysis, ImageModel } from '../model/types.js';
import { correctedMetrics } from './efficiency/corrected.js';
import { diveMetrics } from './efficiency/dive.js';
import { findDuplicates } from './efficiency/duplicates.js';
import { stackLayers } from './stack.js';

/** Every analysis is a pure function of the model. */
export function analyzeImage(image: ImageModel): ImageAnalysis {
  const stack = stackLayers(image.layers);
  const dive = diveMetrics(image.layers, stack);
  const duplicates = findDuplicates(stack.final);
  return {
    image,
    stack,
    efficiency: { dive, corrected: correctedMetrics(image.layers, stack, dive, duplicates), duplicates },
  };
}
