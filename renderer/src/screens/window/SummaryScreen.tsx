// The operator's daily summary screen.
import type { ScreenProps } from '../registry';
import { SummaryScreen as Summary } from '../../window/SummaryScreen';

export function SummaryScreen(_props: ScreenProps) {
  return <Summary />;
}
