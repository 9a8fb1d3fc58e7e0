import { arch } from 'node:os';
import type { ImageConfig } from '../../model/types.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const NODE_TO_OCI_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

export function hostPlatform(): Platform {
  return { os: 'linux', architecture: NODE_TO_OCI_ARCH[arch()] ?? arch() };
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new Error(`platform "${text}" is not of the form os/arch[/variant]`);
  return { os, architecture, variant };
}

export function formatPlatform(p: { os?: string; architecture?: string; variant?: string }): string {
  return [p.os ?? 'unknown', p.architecture ?? 'unknown', p.variant].filter(Boolean).join('/');
}

export function platformOfConfig(config: ImageConfig): string {
  return formatPlatform(config);
}

/** arm64 without a variant means v8, as containerd's matcher treats it. */
export function platformMatches(want: Platform, have: Partial<Platform>): boolean {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  if (!want.variant) return true;
  const normalise = (p: Partial<Platform>) => p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
  return normalise(want) === normalise(have);
}
