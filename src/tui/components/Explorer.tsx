import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { ExploreModel } from '../model/explore-model.js';
import { App } from './App.js';

/** The app sized to the terminal, laid out again on every resize. */
export function Explorer({ model, color }: { model: ExploreModel; color: boolean }) {
  const { stdout } = useStdout();
  const read = () => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return <App model={model} cols={size.cols} rows={size.rows} color={color} />;
}
