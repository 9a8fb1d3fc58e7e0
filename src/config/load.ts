// Finds and reads the config file. Validation against rules.schema.json and .dive-ci parsing
// are layered on top of this by config/validate.ts and config/dive-ci.ts.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { LayerlintError } from '../errors.js';
import { readInputFileSync } from '../io/input-file.js';
import { requireLater } from '../require-later.js';
import { type ConfigFile, defaultConfig, type ResolvedConfig } from './types.js';
import { validateConfig } from './validate.js';

const NAMES = ['.layerlint.yaml', '.layerlint.yml', '.layerlint.json'];
/** a config is a page of rules: more is not a config (and is not read) */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * yaml (CommonJS) is loaded only for a YAML file (a config, a .dive-ci), not on every start, and
 * from node_modules: bundled, it would make every start read a quarter more code.
 */
export function parseYaml(text: string): unknown {
  return (requireLater('yaml') as typeof import('yaml')).parse(text);
}

export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of NAMES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The parsed file, not yet validated (validate.ts does that). */
export function readConfigFile(path: string, shown = path): unknown {
  const text = readInputFileSync(path, `config ${shown}`, MAX_CONFIG_BYTES).toString('utf8');
  try {
    return (path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) ?? {};
  } catch (err) {
    throw new LayerlintError(
      `config ${shown} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
}

/** Merge a config file over the defaults. */
export function resolveConfig(file: ConfigFile, source?: string): ResolvedConfig {
  const config = defaultConfig();
  config.source = source;
  for (const [id, setting] of Object.entries(file.rules ?? {})) {
    if (typeof setting === 'string') config.severities[id] = setting;
    else if (Array.isArray(setting)) {
      config.severities[id] = setting[0];
      config.options[id] = setting[1] ?? {};
    } else {
      if (setting.severity) config.severities[id] = setting.severity;
      if (setting.options) config.options[id] = setting.options;
    }
  }
  config.ignorePaths = file.ignorePaths ?? [];
  config.ignore = file.ignore ?? [];
  if (file.failOn) {
    config.failOn = file.failOn;
    config.failOnSet = true;
  }
  const t = file.thresholds ?? {};
  if (t.lowestEfficiency !== undefined) config.thresholds.lowestEfficiency = t.lowestEfficiency;
  if (t.highestUserWastedPercent !== undefined) config.thresholds.highestUserWastedPercent = t.highestUserWastedPercent;
  if (t.highestWastedBytes !== undefined) config.thresholds.highestWastedBytes = parseBytes(t.highestWastedBytes);
  config.budgets = { ...(file.budgets ?? {}) };
  return config;
}

/** "20MB", "1GiB", "512 kB", 1000 -> bytes. SI (kB, MB, GB) are powers of 1000, IEC (KiB...) of 1024. */
export function parseBytes(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]i?[bB]?|[bB])?\s*$/.exec(value);
  if (!m) throw new LayerlintError(`"${value}" is not a size (examples: 20MB, 1GiB, 500000)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'B').toUpperCase().replace(/B$/, '');
  const powers: Record<string, number> = {
    '': 1,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    KI: 1024,
    MI: 1024 ** 2,
    GI: 1024 ** 3,
    TI: 1024 ** 4,
  };
  return Math.round(n * (powers[unit] ?? 1));
}

export function loadConfig(opts: { configPath?: string; cwd: string }): ResolvedConfig {
  const path = opts.configPath ? resolve(opts.cwd, opts.configPath) : findConfig(opts.cwd);
  if (!path) return defaultConfig();
  const shown = displayPath(path, opts.cwd);
  const file = validateConfig(readConfigFile(path, shown), shown);
  return resolveConfig(file, path);
}

/** The config path as the user would write it: relative when it is under the working directory. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(resolve(cwd), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
