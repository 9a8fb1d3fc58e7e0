import { Text, useApp } from 'ink';
import { useEffect, useState } from 'react';
import { printable } from '../../printable.js';
import type { ExploreModel } from '../model/explore-model.js';
import { Explorer } from './Explorer.js';

export interface Progress {
  phase: string; // "reading", "analysing"
  done?: number;
  total?: number;
}

export type Loader = (report: (p: Progress) => void) => Promise<ExploreModel>;

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function progressLine(ref: string, p: Progress, tick: number, elapsedMs: number): string {
  const count = p.total ? ` ${p.done ?? 0}/${p.total} layers` : '';
  return `${SPIN[tick % SPIN.length]} ${p.phase} ${ref}…${count} ${(elapsedMs / 1000).toFixed(1)}s`;
}

/** A loading line while the image is read and analysed, then the explorer; a load error ends the app with it. */
export function Loading({ imageRef, load, color }: { imageRef: string; load: Loader; color: boolean }) {
  const { exit } = useApp();
  const [progress, setProgress] = useState<Progress>({ phase: 'reading' });
  const [model, setModel] = useState<ExploreModel>();
  const [failed, setFailed] = useState<Error>();
  const [tick, setTick] = useState(0);
  const [started] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    load((p) => live && setProgress(p)).then(
      (m) => live && setModel(m),
      (err: Error) => live && setFailed(err),
    );
    return () => {
      live = false;
    };
  }, [load]);
  useEffect(() => {
    if (model || failed) return;
    const timer = setInterval(() => setTick((t) => t + 1), 100);
    return () => clearInterval(timer);
  }, [model, failed]);
  useEffect(() => {
    if (failed) exit(failed);
  }, [failed, exit]);
  if (failed) return null;
  if (model) return <Explorer model={model} color={color} />;
  return <Text>{printable(progressLine(imageRef, progress, tick, Date.now() - started))}</Text>;
}
