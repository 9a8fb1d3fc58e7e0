import { Box, type Key, Text, useApp, useInput } from 'ink';
import { useEffect, useReducer } from 'react';
import { findingDetails, layerDetails, packageDetails } from '../model/details.js';
import type { ExploreModel } from '../model/explore-model.js';
import { keyPresses, keyToAction } from '../state/keys.js';
import { MIN_COLS, MIN_ROWS } from '../state/layout.js';
import { initialState, layoutOf, reduce } from '../state/reducer.js';
import type { Action, ExploreState } from '../state/types.js';
import { DetailsPane } from './DetailsPane.js';
import { FindingsPane } from './FindingsPane.js';
import { HelpBar } from './HelpBar.js';
import { HelpScreen } from './HelpScreen.js';
import { ImagePane } from './ImagePane.js';
import { LayersPane } from './LayersPane.js';
import { PackagesPane, packageRow } from './PackagesPane.js';
import { TreePane } from './TreePane.js';
import { layerLabel } from './text.js';
import { ColorContext } from './theme.js';

export interface AppProps {
  model: ExploreModel;
  cols: number;
  rows: number;
  color?: boolean;
  /** called with every state after a change (benchmarks, tests) */
  onState?: (s: ExploreState) => void;
  /** prepare the neighbouring layers' views in idle time (default true; benchmarks turn it off to time cold switches) */
  warm?: boolean;
}

type Event = Action | { type: 'key'; input: string; key: Key };

/**
 * Keys are mapped inside the reducer, against the latest state, so fast typing is never lost;
 * keys that arrive together (Ink hands them over as one string) are applied one by one.
 */
function step(model: ExploreModel) {
  return (s: ExploreState, e: Event): ExploreState => {
    if (e.type !== 'key') return reduce(model, s, e);
    return keyPresses(e.input, e.key).reduce((state, [input, key]) => {
      const action = keyToAction(input, key, state);
      return action ? reduce(model, state, action) : state;
    }, s);
  };
}

/** What the status line says while the layers or findings pane has the focus: the whole instruction or message. */
function caption(model: ExploreModel, s: ExploreState): string | undefined {
  if (s.focus === 'layers') {
    const l = model.report.layers[s.layers.cursor];
    return l ? `layer ${l.index}: ${layerLabel(l)}` : undefined;
  }
  if (s.focus === 'findings' && s.lower === 'packages') {
    const p = model.packages[s.packages.cursor];
    return p ? `package: ${packageRow(p).trim()}` : undefined;
  }
  if (s.focus === 'findings') {
    const f = model.report.findings[s.findings.cursor];
    return f ? `${f.ruleId}: ${f.message}` : undefined;
  }
  return undefined;
}

const SLICE_MS = 4; // idle work between two looks at the keyboard

/**
 * After each frame, in idle time, run the model's warm-up steps for the state shown (the
 * neighbouring layers' views, and their size orders when sorted by size), a few milliseconds per
 * turn of the event loop so that keys are read in between; a new state cancels what is left.
 */
function useWarmUp(model: ExploreModel, s: ExploreState, enabled: boolean) {
  const { mode, sort, filter, onlyChanges, collapse } = s.tree;
  const layer = s.layers.cursor;
  useEffect(() => {
    if (!enabled) return;
    const steps = model.warmSteps({ layer, mode, sort, filter, onlyChanges, collapse });
    let next = 0;
    let timer: NodeJS.Immediate | undefined;
    const run = () => {
      const until = performance.now() + SLICE_MS;
      while (next < steps.length && performance.now() < until) steps[next++]();
      timer = next < steps.length ? setImmediate(run) : undefined;
    };
    timer = setImmediate(run);
    return () => {
      if (timer) clearImmediate(timer);
    };
  }, [model, enabled, layer, mode, sort, filter, onlyChanges, collapse]);
}

export function App({ model, cols, rows, color = true, onState, warm = true }: AppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(step(model), undefined, () => initialState(cols, rows));
  useInput((input, key) => dispatch({ type: 'key', input, key }));
  useEffect(() => {
    if (cols !== state.cols || rows !== state.rows) dispatch({ type: 'resize', cols, rows });
  }, [cols, rows, state.cols, state.rows]);
  useWarmUp(model, state, warm);
  useEffect(() => {
    onState?.(state);
    if (state.quit) exit();
  }, [state, exit, onState]);

  const layout = layoutOf(model, state);
  if (layout.tooSmall) {
    return (
      <Text wrap="truncate">{`terminal too small (${cols}x${rows}); explore needs ${MIN_COLS}x${MIN_ROWS} · q quits`}</Text>
    );
  }
  const left = layout.leftWidth - 1;
  const right = layout.rightWidth;
  if (state.showHelp) {
    return (
      <ColorContext.Provider value={color}>
        <Box flexDirection="column" width={layout.width} height={layout.height}>
          <HelpScreen rows={layout.height - 3} width={layout.width} />
          <HelpBar focus={state.focus} width={layout.width} />
        </Box>
      </ColorContext.Provider>
    );
  }
  return (
    <ColorContext.Provider value={color}>
      <Box flexDirection="column" width={layout.width} height={layout.height}>
        <Box flexDirection="row" height={layout.height - 1}>
          <Box
            flexDirection="column"
            width={layout.leftWidth}
            borderStyle="single"
            borderTop={false}
            borderBottom={false}
            borderLeft={false}
          >
            <LayersPane
              layers={model.report.layers}
              list={state.layers}
              rows={layout.layerRows}
              width={left}
              focused={state.focus === 'layers'}
            />
            <ImagePane report={model.report} width={left} />
            {state.lower === 'packages' ? (
              <PackagesPane
                packages={model.packages}
                list={state.packages}
                rows={layout.findingRows}
                width={left}
                focused={state.focus === 'findings'}
              />
            ) : (
              <FindingsPane
                findings={model.report.findings}
                list={state.findings}
                rows={layout.findingRows}
                width={left}
                focused={state.focus === 'findings'}
              />
            )}
          </Box>
          {state.details ? (
            <DetailsPane {...detailsOf(model, state)} rows={layout.treeRows} width={right} />
          ) : (
            <TreePane
              model={model}
              layer={state.layers.cursor}
              tree={state.tree}
              rows={layout.treeRows}
              width={right}
              focused={state.focus === 'tree'}
              caption={caption(model, state)}
            />
          )}
        </Box>
        <HelpBar focus={state.focus} width={layout.width} />
      </Box>
    </ColorContext.Provider>
  );
}

/** The findings pane's selection when it has the focus, else the selected layer's. */
function detailsOf(model: ExploreModel, state: ExploreState): { title: string; lines: string[] } {
  if (state.focus === 'findings' && state.lower === 'packages') {
    return { title: 'Package details', lines: packageDetails(model.report, model.packages, state.packages.cursor) };
  }
  if (state.focus === 'findings' && model.report.findings.length > 0) {
    return {
      title: 'Finding details',
      lines: findingDetails(model.report, state.findings.cursor, model.dockerfileText),
    };
  }
  return { title: 'Layer details', lines: layerDetails(model.report, state.layers.cursor) };
}
