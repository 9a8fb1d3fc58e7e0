// The peers' configuration files, honoured where layerlint's own config does not speak:
// hadolint's .hadolint.yaml / .hadolint.yml (ignored, override, failure-threshold) and Trivy's
// .trivyignore (ids to ignore). Their ids reach layerlint rules through the rules' aliases.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LayerlintError } from '../errors.js';
import { readInputFileSync } from '../io/input-file.js';
import type { Severity } from '../model/types.js';
import { allRules } from '../rules/index.js';
import { parseYaml } from './load.js';
import type { FailOn, ResolvedConfig } from './types.js';

/** A peer's config file is small; a larger one is refused like layerlint's own. */
const MAX_PEER_CONFIG_BYTES = 1024 * 1024;

const HADOLINT_SEVERITY: Record<string, Severity | 'off'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
  ignore: 'off',
  none: 'off',
};

interface HadolintFile {
  ignored?: unknown;
  override?: Record<string, unknown>;
  'failure-threshold'?: unknown;
}

/** hadolint's search: the working directory, then $XDG_CONFIG_HOME/hadolint.yaml, ~/.config/hadolint.yaml, ~/.hadolint.yaml. */
export function findHadolintConfig(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const home = env.HOME ?? homedir();
  const candidates = [
    join(cwd, '.hadolint.yaml'),
    join(cwd, '.hadolint.yml'),
    ...(env.XDG_CONFIG_HOME ? [join(env.XDG_CONFIG_HOME, 'hadolint.yaml')] : []),
    join(home, '.config', 'hadolint.yaml'),
    join(home, '.hadolint.yaml'),
  ];
  return candidates.find((p) => existsSync(p));
}

const idList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()) : [];

/**
 * Apply a hadolint config and a .trivyignore to the resolved config: ignored ids join
 * `ignoreIds`; override severities set the rules that answer for those ids unless layerlint's
 * config set them; failure-threshold sets failOn unless `failOnSet`.
 */
export function applyPeerConfigs(config: ResolvedConfig, cwd: string, failOnSet: boolean, env = process.env): void {
  const hadolint = findHadolintConfig(cwd, env);
  if (hadolint) applyHadolint(config, hadolint, failOnSet);
  const trivyignore = join(cwd, '.trivyignore');
  if (existsSync(trivyignore)) {
    for (const line of readInputFileSync(trivyignore, '.trivyignore', MAX_PEER_CONFIG_BYTES)
      .toString('utf8')
      .split(/\r?\n/)) {
      const id = line.replace(/#.*$/, '').trim().split(/\s+/)[0];
      // Trivy writes check ids as DS001 or AVD-DS-0001
      const ds = /^AVD-DS-0*(\d+)$/i.exec(id ?? '');
      if (id) config.ignoreIds.push(ds ? `DS${(ds[1] as string).padStart(3, '0')}` : id);
    }
  }
}

function applyHadolint(config: ResolvedConfig, path: string, failOnSet: boolean): void {
  const text = readInputFileSync(path, `hadolint config ${path}`, MAX_PEER_CONFIG_BYTES).toString('utf8');
  let file: HadolintFile;
  try {
    file = (parseYaml(text) ?? {}) as HadolintFile;
  } catch (err) {
    throw new LayerlintError(`hadolint config ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof file !== 'object') throw new LayerlintError(`hadolint config ${path}: not a mapping`);
  config.ignoreIds.push(...idList(file.ignored));
  for (const [level, ids] of Object.entries(file.override ?? {})) {
    const severity = HADOLINT_SEVERITY[level];
    if (!severity) continue;
    for (const id of idList(ids)) {
      for (const rule of allRules.filter((r) => r.meta.aliases?.includes(id))) {
        if (config.severities[rule.id] === undefined) config.severities[rule.id] = severity;
      }
    }
  }
  const threshold = HADOLINT_SEVERITY[String(file['failure-threshold'] ?? '')];
  if (!failOnSet && threshold) config.failOn = (threshold === 'off' ? 'none' : threshold) as FailOn;
}
