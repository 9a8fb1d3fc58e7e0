// The subset of SARIF 2.1.0 that layerlint writes (https://docs.oasis-open.org/sarif/sarif/v2.1.0/).

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
}

export interface SarifArtifactLocation {
  uri: string;
}

export interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion };
  message?: SarifMessage;
}

export interface SarifFix {
  description: SarifMessage;
  artifactChanges: {
    artifactLocation: SarifArtifactLocation;
    replacements: { deletedRegion: SarifRegion; insertedContent?: { text: string } }[];
  }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note' | 'none';
  kind?: 'pass';
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  baselineState?: 'new' | 'unchanged' | 'updated' | 'absent';
  fixes?: SarifFix[];
  properties?: Record<string, unknown>;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: Record<string, unknown>;
}

export interface SarifNotification {
  level: 'error' | 'warning' | 'note';
  message: SarifMessage;
  descriptor?: { id: string };
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion: string;
      informationUri: string;
      rules: SarifRule[];
    };
  };
  automationDetails: { id: string; description?: SarifMessage };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}
