// App info, institution setup, backups. View types of the API contract (electron/api/contract.ts); pure types.
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
export interface AutoBackupSetupView {
  enabled: boolean;
  /** Absolute folder of the daily automatic backups (best on another disk). */
  folder: string;
  /** Automatic backups older than this many days are removed. */
  keepDays: number;
}
export interface StoreCareView extends AutoBackupSetupView {
  /** The last daily run: database check and automatic backup. */
  last?: { day: string; checkedAt: string; checkOk: boolean; backupFile?: string; backupAt?: string; backupError?: string };
}
export interface HealthView {
  /** Problems to show plainly until they are gone (Chinese messages). */
  problems: { code: 'DB_CORRUPT' | 'DISK_FULL'; message: string; since: string }[];
}
