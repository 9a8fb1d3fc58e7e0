import type { FileEntry, ImageAnalysis, ImageModel, Layer, StackedImage } from '../model/types.js';
import { correctedMetrics } from './efficiency/corrected.js';
import { DiveTally, diveMetrics } from './efficiency/dive.js';
import { findDuplicates } from './efficiency/duplicates.js';
import { analyzePackages } from './packages/index.js';
import { LayerStacker, stackLayers } from './stack.js';

/**
 * Every analysis is a pure function of the model. `early` holds the stacking and dive's tally
 * already done while the layers were walked; it is used only when it stacked exactly these layers.
 */
export function analyzeImage(image: ImageModel, early?: EarlyStack): ImageAnalysis {
  const ready = early?.resultFor(image.layers);
  const stack = ready?.stack ?? stackLayers(image.layers);
  const dive = ready?.tally.finish(image.layers) ?? diveMetrics(image.layers, stack);
  const duplicates = findDuplicates(stack.final);
  return {
    image,
    stack,
    efficiency: { dive, corrected: correctedMetrics(image.layers, stack, duplicates), duplicates },
    packages: analyzePackages(image.layers, stack),
  };
}

/**
 * Stacks layers and tallies dive's figures as their walks come in, in layer order (the sources'
 * onLayer), so that this thread works while the workers still walk the rest. A layer offered out
 * of order makes it give up: analyzeImage then starts over from the model.
 */
export class EarlyStack {
  private readonly stacker = new LayerStacker();
  private readonly tally = new DiveTally();
  private readonly stacked: FileEntry[][] = [];
  private usable = true;

  offer(index: number, entries: FileEntry[]): void {
    if (!this.usable) return;
    this.usable = index === this.stacked.length;
    if (!this.usable) return;
    this.stacker.add(entries);
    this.tally.add({ entries }, index, this.stacker.state);
    this.stacked.push(entries);
  }

  resultFor(layers: readonly Pick<Layer, 'entries'>[]): { stack: StackedImage; tally: DiveTally } | undefined {
    const same =
      this.usable && layers.length === this.stacked.length && layers.every((l, i) => l.entries === this.stacked[i]);
    if (!same) return undefined;
    this.usable = false; // finish() once
    return { stack: this.stacker.finish(), tally: this.tally };
  }
}
