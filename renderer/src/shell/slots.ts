// Places in the shell that areas fill: items in the status bar (network state, unsent count,
// operator), and the gate every screen sits behind (login and idle lock).
import type { ComponentType, ReactNode } from 'react';
import type { Role } from '../../../electron/api/contract';
import { LoginGate } from '../window/Gate';
import { OperatorStatus } from '../window/OperatorStatus';
import { NetworkStatusItem } from '../screens/settle/NetworkStatusItem';
import { HealthStatusItem } from './HealthStatusItem';
import { TraceStatusItem } from '../screens/trace/TraceStatusItem';

export interface SessionView {
  operatorId: string;
  operatorName: string;
  role: Role;
}

/** Status bar items, left to right. */
export const STATUS_ITEMS: ComponentType[] = [HealthStatusItem, NetworkStatusItem, TraceStatusItem, OperatorStatus];

/** Wraps the shell; receives the session it established. Without a gate there is no session. */
export type Gate = ComponentType<{ children: (session: SessionView | undefined) => ReactNode }>;
export const GATE: { current?: Gate } = { current: LoginGate };
