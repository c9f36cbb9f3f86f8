// App info, institution setup, backups (issue 2). View types of the API contract (electron/api/contract.ts); pure types.
import type { FacilityLevel } from './common';

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
  schemaVersion: number;
  storeId: string;
  now: string;
}
export interface InstitutionSetup {
  code: string;
  name: string;
  level: FacilityLevel;
  /** Six-digit administrative region code of the facility. */
  region: string;
  /** This window's terminal number (two digits), part of every msgid so windows never collide. */
  terminalNo: string;
}
export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: string;
}
