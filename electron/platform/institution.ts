// The institution this window settles for (set up by a technician; the demo clinic until then).
// Every area reads it through here: the network client, receipts, the policy choice, the window.
import type { InstitutionSetup } from '../api/contract';
import { DEMO_INSTITUTIONS } from '../demo/persons';
import type { AppContext } from './context';

export const INSTITUTION_KEY = 'institution';

export const DEFAULT_INSTITUTION: InstitutionSetup = {
  code: DEMO_INSTITUTIONS[0].code,
  name: DEMO_INSTITUTIONS[0].name,
  level: DEMO_INSTITUTIONS[0].level,
  region: DEMO_INSTITUTIONS[0].region,
  terminalNo: '01',
};

export function getInstitution(ctx: Pick<AppContext, 'settings'>): InstitutionSetup {
  return ctx.settings.get<InstitutionSetup>(INSTITUTION_KEY) ?? DEFAULT_INSTITUTION;
}
