// The setup screen's sections (technicians only). Each area adds its panel here: network,
// readers, printer, HIS bridge, policy packs, operators.
import type { ComponentType } from 'react';
import { InstitutionPanel } from './setup/InstitutionPanel';
import { BackupPanel } from './setup/BackupPanel';

export interface SetupSection {
  id: string;
  title: string;
  component: ComponentType;
}

export const SETUP_SECTIONS: SetupSection[] = [
  { id: 'institution', title: '机构信息', component: InstitutionPanel },
  { id: 'backup', title: '备份与恢复', component: BackupPanel },
];
