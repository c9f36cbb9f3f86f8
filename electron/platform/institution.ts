// The institution this window settles for (set up by a technician; the demo clinic until then).
// Every area reads it through here: the network client, receipts, the policy choice, the window.
import type { InstitutionSetup } from '../api/contract';
import { DEMO_INSTITUTIONS } from '../demo/persons';
import type { AppContext } from './context';
import * as v from 'valibot';
import { FACILITY_LEVELS } from '../core/policy/types';

export const INSTITUTION_KEY = 'institution';

export const DEFAULT_INSTITUTION: InstitutionSetup = {
  code: DEMO_INSTITUTIONS[0].code,
  name: DEMO_INSTITUTIONS[0].name,
  level: DEMO_INSTITUTIONS[0].level,
  region: DEMO_INSTITUTIONS[0].region,
  terminalNo: '01',
};

/** The stored setup as setup.institution.set wrote it (that call checks the formats). */
const InstitutionSchema: v.GenericSchema<unknown, InstitutionSetup> = v.object({
  code: v.string(), name: v.string(), level: v.picklist(FACILITY_LEVELS), region: v.string(), terminalNo: v.string(),
});

export function getInstitution(ctx: Pick<AppContext, 'settings'>): InstitutionSetup {
  return ctx.settings.read(INSTITUTION_KEY, InstitutionSchema) ?? DEFAULT_INSTITUTION;
}
