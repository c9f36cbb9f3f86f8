// The cashier window (township health center): the full workflow with HIS visits.
import type { ScreenProps } from '../registry';
import { Workflow } from '../../window/Workflow';

export function WindowScreen(_props: ScreenProps) {
  return <Workflow />;
}
