// Core types shared by every stage of the pipeline:
// reference -> source -> ImageModel -> analyses (stack, efficiency) -> rules -> Finding[] -> reporters/TUI/fixer

export type Severity = 'error' | 'warning' | 'note';
export type SeverityOrOff = Severity | 'off';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'other';

/**
 * One tar entry of one layer, normalised.
 * - `path` is absolute and normalised ("/etc/passwd", root is "/"); names that try to escape
 *   ("../../etc/passwd", "/abs") are recorded clamped under "/" and flagged `unsafeName`.
 * - whiteout: `path` is the path it removes ("/root/example"); opaque: `path` is the directory
 *   whose lower-layer content is hidden.
 * - hardlink: `linkTarget` is the normalised path of the file it links to; `size` is 0 (tar ships no bytes).
 */
export interface FileEntry {
  path: string;
  kind: EntryKind;
  size: number;
  mode: number; // permission bits including setuid/setgid/sticky (mode & 0o7777)
  uid: number;
  gid: number;
  linkTarget?: string;
  digest?: string; // "sha256:<hex>" of the content, regular files only
  unsafeName?: boolean;
  /** first 64 KiB (UTF-8) of the account databases (walk/capture.ts: /etc/passwd, /etc/group) */
  content?: string;
  /** what a package database file says (analyzers/packages), parsed as the layer was walked */
  packageDb?: import('../analyzers/packages/types.js').DatabaseFragment & { pending?: Uint8Array };
  /** a credential file by name (walk/capture.ts: .npmrc, .env, ...), with masked evidence */
  credentialFile?: CredentialFile;
  /** credentials found in the content by the walk's secret scanner (src/secrets), masked */
  secrets?: SecretHit[];
}

/** One secret found in a file's content by the walk. Only masked evidence, never the secret. */
export interface SecretHit {
  /** the rule that owns the format, e.g. "secret-github" */
  rule: string;
  /** the format, e.g. "github-pat" */
  kind: string;
  /** 1-based line in the file */
  line: number;
  /** what identifies the kind, never the secret: "ghp_****" */
  evidence: string;
}

/** A well-known credential file that holds a value (secret-file), its evidence masked. */
export interface CredentialFile {
  kind: string;
  evidence: string;
}

export type Compression = 'none' | 'gzip' | 'zstd';

/** What walking one layer blob produced; cacheable by diffId. */
export interface LayerWalk {
  diffId: string; // sha256 of the uncompressed tar stream
  tarSize: number; // bytes of the uncompressed tar stream
  size: number; // sum of regular-file content sizes (dive's layer size)
  compression: Compression;
  blobDigest?: string; // sha256 of the bytes as stored (compressed), when computed
  blobSize?: number;
  entries: FileEntry[];
  /**
   * set when the walk came from the layer cache rather than from this run's bytes: 'verified' for
   * the shared cache (walks whose content was hashed), 'endpoint' for a daemon's own namespace
   * (walks of its earlier exports that it vouched for and nobody hashed)
   */
  fromCache?: 'verified' | 'endpoint';
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The subset of the OCI image config we read; `raw` keeps everything. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: {
    User?: string;
    ExposedPorts?: Record<string, object>;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Volumes?: Record<string, object>;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    StopSignal?: string;
    Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number };
    OnBuild?: string[] | null;
    Shell?: string[];
  };
  rootfs?: { type: string; diff_ids: string[] };
  history?: HistoryEntry[];
}

export interface Layer extends LayerWalk {
  index: number;
  digest?: string; // blob digest as named by the manifest (compressed for registry/OCI)
  mediaType?: string;
  createdBy?: string; // created_by of the history entry that made this layer
  historyIndex?: number; // index into ImageModel.history
}

export type SourceKind = 'archive' | 'daemon' | 'registry';

export interface ImageModel {
  ref: string;
  source: SourceKind;
  format: string; // e.g. "docker-save-legacy", "docker-save-oci", "oci-layout", "rootfs", "registry"
  platform: string; // "linux/amd64", "linux/arm64/v8"
  manifestDigest?: string;
  configDigest?: string;
  repoTags?: string[];
  config: ImageConfig;
  history: HistoryEntry[];
  layers: Layer[];
  notices: string[]; // things the user should know ("rootfs tar: no history")
}

// ---- stacking --------------------------------------------------------------

export type ChangeKind = 'added' | 'modified' | 'removed';

export interface PathVersion {
  layer: number;
  change: ChangeKind;
  entry: FileEntry; // for 'removed', the entry that was removed (from an earlier layer)
  removedBy?: 'whiteout' | 'parent' | 'opaque';
}

export interface FinalEntry extends FileEntry {
  layer: number; // layer that supplied the visible version
}

export interface Removal {
  path: string;
  entry: FileEntry; // the removed version
  createdLayer: number; // layer that shipped the bytes
  removedLayer: number; // layer that removed it
  by: 'whiteout' | 'parent' | 'opaque';
}

export interface Overwrite {
  path: string;
  entry: FileEntry; // the shadowed version
  layer: number; // layer that shipped the shadowed bytes
  byLayer: number; // layer whose version replaced it
  metadataOnly: boolean; // same content digest, only mode/uid/gid/mtime changed
}

export interface StackedImage {
  final: Map<string, FinalEntry>;
  history: Map<string, PathVersion[]>;
  removals: Removal[];
  overwrites: Overwrite[];
  /** per-layer changes in layer order: layerChanges[i] lists paths changed by layer i */
  layerChanges: PathVersion[][];
}

// ---- efficiency ------------------------------------------------------------

export interface InefficientPath {
  path: string;
  count: number;
  cumulativeSize: number;
  minSize: number; // smallest version seen (a whiteout counts 0): the copy that is kept
}

export interface DiveMetrics {
  efficiency: number;
  imageSize: number;
  userSize: number;
  wastedBytes: number;
  /** wastedBytes / userSize as dive computes it: +Inf or NaN when userSize is 0 (null in JSON) */
  userWastedPercent: number;
  /** why userWastedPercent is not a number (userSize 0), and what dive's CI gate concludes */
  userWastedPercentReason?: string;
  inefficientPaths: InefficientPath[];
}

export interface DuplicateGroup {
  digest: string;
  size: number;
  paths: string[]; // final-filesystem paths holding identical content (hardlinks excluded)
  layers: number[]; // the layer that supplies each path
  wastedBytes: number; // (copies - 1) * size
}

export interface CorrectedMetrics {
  imageSize: number;
  userSize: number;
  finalSize: number; // bytes in the final filesystem
  wastedBytes: number; // deletedButShipped + overwritten = imageSize - finalSize
  reclaimableBytes: number; // wastedBytes + duplicateBytes
  deletedButShippedBytes: number;
  overwrittenBytes: number;
  metadataOnlyOverwrittenBytes: number;
  duplicateBytes: number;
  efficiency: number; // finalSize / imageSize (1 when empty)
  wastedPercentOfImage: number; // wastedBytes / imageSize
}

export interface Efficiency {
  dive: DiveMetrics;
  corrected: CorrectedMetrics;
  duplicates: DuplicateGroup[];
}

export interface ImageAnalysis {
  image: ImageModel;
  stack: StackedImage;
  efficiency: Efficiency;
  /** which package owns which bytes (absent where an analysis was made without it, e.g. in tests) */
  packages?: import('../analyzers/packages/attribute.js').PackageReport;
}

// ---- Dockerfile ------------------------------------------------------------

export interface SourceRange {
  line: number; // 1-based
  column: number; // 1-based
  endLine: number;
  endColumn: number; // 1-based, exclusive end like SARIF
}

export interface SourceLocation extends SourceRange {
  file: string; // path as the user gave it (or --sarif-uri)
}

/** A plain text edit: replace text[start, end) of the Dockerfile with `text`. */
export interface TextEdit {
  range: [start: number, end: number];
  text: string;
}

// ---- findings and rules ----------------------------------------------------

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  // evidence
  layer?: number;
  layerDigest?: string;
  paths?: string[];
  bytes?: number;
  data?: Record<string, unknown>;
  // where
  location?: SourceLocation;
  locationNote?: string; // e.g. "mapped to FROM: base-image layer", "mapping ambiguous"
  // remedy
  fix?: TextEdit[];
  suggestion?: string;
  // identity across builds (report/fingerprint.ts), and the state against a baseline (SARIF's terms)
  fingerprint?: string;
  subjectFingerprint?: string;
  baselineState?: BaselineState;
  /** ids of other rules that saw the same problem (image evidence merged into a Dockerfile finding) */
  related?: string[];
}

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export type RuleCategory = 'size' | 'security' | 'hygiene';

export interface RuleMeta {
  description: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  fixable: boolean;
  requires: 'image' | 'dockerfile' | 'either';
  docs: string; // relative doc path, docs/rules/<id>.md
  schema?: object; // JSON schema (draft-07) of the rule's options object
  defaultOptions?: Record<string, unknown>;
  securitySeverity?: number; // 0-10, security rules only
  /**
   * ids of the peer checks this rule answers for: hadolint (DL3008), Trivy (DS029), BuildKit build
   * checks (JSONArgsRecommended), ShellCheck (SC2086). Ignore comments and configs naming them apply.
   */
  aliases?: string[];
}

export interface RuleContext<O = Record<string, unknown>> {
  analysis?: ImageAnalysis; // absent when only a Dockerfile is linted
  dockerfile?: import('../analyzers/dockerfile/types.js').DockerfileModel;
  mapping?: import('../analyzers/dockerfile/types.js').LayerMapping;
  options: O;
  /** the CI thresholds evaluated for this image (engine/thresholds.ts gateOf); [] without an image */
  gate: ThresholdResult[];
}

/** A finding before the engine applies severity overrides and Dockerfile locations. */
export type RawFinding = Omit<Finding, 'severity' | 'ruleId'> & { severity?: Severity };

export interface Rule<O = Record<string, unknown>> {
  id: string;
  meta: RuleMeta;
  check(ctx: RuleContext<O>): RawFinding[];
}

// ---- CI gate ---------------------------------------------------------------

export interface Thresholds {
  lowestEfficiency?: number; // 0..1; dive default 0.9
  highestWastedBytes?: number; // bytes; dive default disabled
  highestUserWastedPercent?: number; // 0..1; dive default 0.1
}

export interface ThresholdResult {
  name: keyof Thresholds;
  limit: number;
  actual: number;
  passed: boolean;
}
