// Package databases read from the layers, and the bytes each package accounts for.

export type Ecosystem = 'deb' | 'apk' | 'rpm' | 'npm' | 'python' | 'gem' | 'jar' | 'go';

/** One installed package as one database file of one layer states it. */
export interface PackageRecord {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** absolute paths the package installed (directories included where the database lists them) */
  files: string[];
  /** the size the database claims, in bytes (dpkg Installed-Size KiB * 1024, apk I:, rpm SIZE) */
  declaredSize?: number;
  /** dpkg Section / rpm Group, when stated: "devel", "libdevel", ...; a Go binary's Go version */
  section?: string;
  /** a Go binary's dependencies, "module@version" */
  modules?: string[];
}

/**
 * What one captured database file says, parsed while its layer is walked (it is cached with the
 * layer walk, so the file's bytes are never kept). A dpkg database is spread over many files
 * (`status` names the packages, each `info/<pkg>.list` their files): `lists` carries a list file's
 * paths for the package it names, to be joined with `status` once the layers are stacked.
 */
export interface DatabaseFragment {
  /** absolute path of the database file in the image */
  path: string;
  kind: FragmentKind;
  packages?: PackageRecord[];
  /** dpkg `info/<pkg>.list` and distroless `status.d/<pkg>.md5sums`: the package and its paths */
  list?: { package: string; files: string[] };
  /** why the file could not be read (a notice, never an error) */
  unreadable?: string;
}

export type FragmentKind =
  | 'dpkg-status'
  | 'dpkg-list'
  | 'apk-installed'
  | 'rpm-sqlite'
  | 'rpm-bdb'
  | 'npm-package'
  | 'python-record'
  | 'python-egg'
  | 'gem-spec'
  | 'jar'
  | 'go-binary';
