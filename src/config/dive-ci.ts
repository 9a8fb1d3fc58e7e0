// dive's `.dive-ci` file: `rules:` with lowestEfficiency / highestWastedBytes /
// highestUserWastedPercent, in camelCase or kebab-case; "disabled" turns a rule off.
import { LayerlintError } from '../errors.js';
import { readInputFileSync } from '../io/input-file.js';
import type { Thresholds } from '../model/types.js';
import { MAX_CONFIG_BYTES, parseBytes, parseYaml } from './load.js';
import type { ResolvedConfig } from './types.js';

const KEYS: Record<string, keyof Thresholds> = {
  lowestEfficiency: 'lowestEfficiency',
  'lowest-efficiency': 'lowestEfficiency',
  highestWastedBytes: 'highestWastedBytes',
  'highest-wasted-bytes': 'highestWastedBytes',
  highestUserWastedPercent: 'highestUserWastedPercent',
  'highest-user-wasted-percent': 'highestUserWastedPercent',
};

export function readDiveCi(path: string): Partial<Record<keyof Thresholds, number | 'disabled'>> {
  const text = readInputFileSync(path, `dive CI config ${path}`, MAX_CONFIG_BYTES).toString('utf8');
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new LayerlintError(`dive CI config ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  const rules = (doc as { rules?: Record<string, unknown> } | null)?.rules ?? {};
  if (typeof rules !== 'object') throw new LayerlintError(`dive CI config ${path}: "rules" must be a mapping`);
  const out: Partial<Record<keyof Thresholds, number | 'disabled'>> = {};
  for (const [key, raw] of Object.entries(rules)) {
    const name = KEYS[key];
    if (!name)
      throw new LayerlintError(
        `dive CI config ${path}: unknown rule "${key}" (known: ${Object.keys(KEYS).join(', ')})`,
      );
    const text = String(raw).trim();
    if (text === 'disabled') {
      out[name] = 'disabled';
      continue;
    }
    const value = name === 'highestWastedBytes' ? parseBytes(text) : Number(text);
    if (!Number.isFinite(value))
      throw new LayerlintError(`dive CI config ${path}: rules.${key} must be a number or "disabled", got "${text}"`);
    out[name] = value;
  }
  return out;
}

export function applyDiveCi(config: ResolvedConfig, path: string): void {
  for (const [name, value] of Object.entries(readDiveCi(path)) as [keyof Thresholds, number | 'disabled'][]) {
    if (value === 'disabled') delete config.thresholds[name];
    else config.thresholds[name] = value;
  }
}
