// The setup screen's sections (technicians only). Each area adds its panel here: network,
// readers, printer, HIS bridge, policy packs, operators.
import type { ComponentType } from 'react';
import { InstitutionPanel } from './setup/InstitutionPanel';
import { NetworkPanel } from './setup/NetworkPanel';
import { BackupPanel } from './setup/BackupPanel';
import { HisApiPanel } from './setup/his/HisApiPanel';
import { HisDropPanel } from './setup/his/HisDropPanel';
import { HisCatalogPanel } from './setup/his/HisCatalogPanel';
import { PrinterPanel } from './setup/PrinterPanel';
import { ReaderPanel } from './setup/ReaderPanel';
import { OperatorsPanel } from '../window/OperatorsPanel';
import { CardFreePanel } from '../window/CardFreePanel';
import { PolicyPanel } from '../window/PolicyPanel';
import { OfflinePanel } from './setup/OfflinePanel';
import { InputLimitsPanel } from '../window/InputLimitsPanel';

export interface SetupSection {
  id: string;
  title: string;
  component: ComponentType;
}

export const SETUP_SECTIONS: SetupSection[] = [
  { id: 'institution', title: '机构信息', component: InstitutionPanel },
  { id: 'network', title: '医保网络', component: NetworkPanel },
  { id: 'backup', title: '备份与恢复', component: BackupPanel },
  { id: 'hisApi', title: 'HIS 接口', component: HisApiPanel },
  { id: 'hisDrop', title: 'HIS 文件导入', component: HisDropPanel },
  { id: 'hisCatalog', title: 'HIS 目录对照', component: HisCatalogPanel },
  { id: 'printer', title: '打印机', component: PrinterPanel },
  { id: 'reader', title: '读卡器', component: ReaderPanel },
  { id: 'operators', title: '操作员与审计', component: OperatorsPanel },
  { id: 'cardFree', title: '无卡结算', component: CardFreePanel },
  { id: 'policy', title: '政策包', component: PolicyPanel },
  { id: 'offline', title: '脱机结算', component: OfflinePanel },
  { id: 'inputLimits', title: '输入上限', component: InputLimitsPanel },
];
