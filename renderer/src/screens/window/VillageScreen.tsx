// The village clinic screen: outpatient pooling settlement with hand-entered lines, same receipt.
import type { ScreenProps } from '../registry';
import { Workflow } from '../../window/Workflow';

export function VillageScreen(_props: ScreenProps) {
  return <Workflow village />;
}
