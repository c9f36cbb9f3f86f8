// The screens of the shell. Each area adds its screen here (one entry); the shell builds the
// navigation, the F-key shortcuts and the role check from this list.
import type { ComponentType } from 'react';
import type { Role } from '../../../electron/api/contract';
import { HomeScreen } from './HomeScreen';
import { SetupScreen } from './SetupScreen';
import { WindowScreen } from './window/WindowScreen';
import { VillageScreen } from './window/VillageScreen';
import { SummaryScreen } from '../window/SummaryScreen';
import { ReceiptsScreen } from './ReceiptsScreen';
import { QueueScreen } from './settle/QueueScreen';
import { ReconcileScreen } from './settle/ReconcileScreen';
import { TraceScreen } from './trace/TraceScreen';
import { CatalogScreen } from './catalog/CatalogScreen';
import { MatchingScreen } from './catalog/MatchingScreen';
import { CenterScreen } from './center/CenterScreen';

export interface ScreenProps {
  navigate(id: string): void;
}

export interface ScreenDef {
  id: string;
  title: string;
  /**
   * Keyboard shortcut shown in the navigation: "F9".."F12" and "F1" for the main screens; "Alt+N"
   * for the others, because F2..F8 are the cashier window's own action keys.
   */
  hotkey: string;
  /** Lowest role that sees the screen; undefined = everybody logged in. */
  minRole?: Role;
  component: ComponentType<ScreenProps>;
}

export const SCREENS: ScreenDef[] = [
  { id: 'window', title: '收费窗口', hotkey: 'F9', component: WindowScreen },
  { id: 'village', title: '村卫生室', hotkey: 'F10', component: VillageScreen },
  { id: 'summary', title: '日结与撤销', hotkey: 'F11', component: SummaryScreen },
  { id: 'receipts', title: '结算查询/重打', hotkey: 'Alt+1', component: ReceiptsScreen },
  { id: 'queue', title: '待上传队列', hotkey: 'Alt+2', component: QueueScreen },
  { id: 'reconcile', title: '对账', hotkey: 'Alt+3', component: ReconcileScreen },
  { id: 'trace', title: '药品追溯码', hotkey: 'Alt+9', component: TraceScreen },
  { id: 'catalog', title: '医保目录', hotkey: 'Alt+7', minRole: 'technician', component: CatalogScreen },
  { id: 'matching', title: '目录对照', hotkey: 'Alt+8', minRole: 'technician', component: MatchingScreen },
  { id: 'center', title: '集中库', hotkey: 'Alt+5', minRole: 'administrator', component: CenterScreen },
  { id: 'home', title: '概览', hotkey: 'F1', component: HomeScreen },
  { id: 'setup', title: '系统设置', hotkey: 'F12', minRole: 'technician', component: SetupScreen },
];
