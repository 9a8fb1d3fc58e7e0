import type { FileEntry, ImageAnalysis, ImageModel, Layer, StackedImage } from '../model/types.js';
import { correctedMetrics } from './efficiency/corrected.js';
import { DiveTally, diveMetrics } from './efficiency/dive.js';
import { findDuplicates } from './efficiency/duplicates.js';
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
    efficiency: { dive, corrected: correctedMetrics(image.layers, stack, dive, duplicates), duplicates },
  };
}

/**
 * Stacks layers and tallies dive's figures as their walks come in (`offer`, each applied once
 * those below it are), so that this thread works while the workers still walk the rest.
 */
export class EarlyStack {
  private readonly stacker = new LayerStacker();
  private readonly tally = new DiveTally();
  private readonly waiting = new Map<number, FileEntry[]>();
  private readonly stacked: FileEntry[][] = [];
  private broken = false;

  offer(index: number, entries: FileEntry[]): void {
    if (this.broken || index < this.stacked.length) return;
    this.waiting.set(index, entries);
    try {
      for (let next = this.waiting.get(this.stacked.length); next; next = this.waiting.get(this.stacked.length)) {
        this.waiting.delete(this.stacked.length);
        this.stacker.add(next);
        this.tally.add({ entries: next }, this.stacked.length, this.stacker.state);
        this.stacked.push(next);
      }
    } catch {
      this.broken = true; // analyzeImage starts over from the model
    }
  }

  resultFor(layers: readonly Pick<Layer, 'entries'>[]): { stack: StackedImage; tally: DiveTally } | undefined {
    const same =
      !this.broken && layers.length === this.stacked.length && layers.every((l, i) => l.entries === this.stacked[i]);
    if (!same) return undefined;
    this.broken = true; // finish() once
    return { stack: this.stacker.finish(), tally: this.tally };
  }
}
