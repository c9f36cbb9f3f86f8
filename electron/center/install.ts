// The center area: with `--center postgres://...` the window links to its center (checked at
// start: a malformed URL stops the start with a message; an unreachable center is retried in the
// background while the window settles alone); without it the window runs alone exactly as before
// and this area only answers `center.status`.
import type { AppContext } from '../platform/context';
import { flag } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { NetworkClient } from '../network/client';
import { AppFailure } from '../core/result';
import { money, v } from '../api/validate';
import { INSTITUTION_KEY, getInstitution } from '../platform/institution';
import { SettlementsRepo } from '../store/settlements';
import { CenterLink } from './link';
import { parseCenterUrl } from './pg';
import { registerCenterApi } from './api';

export interface CenterArea {
  /** The link to the center, or undefined when the window runs alone. */
  link: CenterLink | undefined;
}

export interface CenterDeps {
  /** The window's network client (the center-wide reconciliation sends 3201/3202 through it). */
  client: NetworkClient;
  /** Applies the offline limits the center sets for all windows (the settle area's setting). */
  onLimits?: (limits: { perVisit: string; perPersonDay: string }) => void;
  /** Applies the card-free rules the center sets for all windows (the window area's setting). */
  onCardFree?: (rules: { poverty: boolean; lowIncome: boolean; destitute: boolean }) => void;
}

export const limitsSchema = v.object({ perVisit: money({ max: '1000000' }), perPersonDay: money({ max: '1000000' }) });
export const cardFreeSchema = v.object({ poverty: v.boolean(), lowIncome: v.boolean(), destitute: v.boolean() });

function checked<S extends v.GenericSchema>(key: string, schema: S, value: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, value);
  if (!r.success) throw new Error(`${key} from the center refused: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.output;
}

/** A setting from the center, checked like any outside input before it is applied. */
function applyConfig(key: string, value: unknown, deps: CenterDeps): void {
  if (key === 'offlineLimits') deps.onLimits?.(checked(key, limitsSchema, value));
  else if (key === 'cardFreeRules') deps.onCardFree?.(checked(key, cardFreeSchema, value));
}

/** The window's terminal number becomes the one the center gave. */
function adoptTerminal(ctx: AppContext, terminalNo: string): void {
  const inst = getInstitution(ctx);
  if (inst.terminalNo !== terminalNo) ctx.settings.set(INSTITUTION_KEY, { ...inst, terminalNo });
}

export async function installCenter(ctx: AppContext, d: Dispatcher, deps: CenterDeps): Promise<CenterArea> {
  const url = flag(ctx, 'center');
  let link: CenterLink | undefined;
  if (url !== undefined) {
    const checked = parseCenterUrl(url);
    if (!checked.ok) throw new AppFailure({ code: 'VALIDATION', message: checked.message, detail: 'bad --center URL', field: 'center' });
    const docs = new SettlementsRepo(ctx.db);
    link = new CenterLink({
      db: ctx.db, log: ctx.log, now: () => ctx.now(), url, windowId: ctx.storeId,
      institution: () => getInstitution(ctx),
      adoptTerminal: (no) => adoptTerminal(ctx, no),
      settled: (ref) => docs.claimOf(ref) !== undefined,
      onConfig: (key, value) => applyConfig(key, value, deps),
    });
    const ok = await link.start(3000);
    if (!ok) ctx.log.warn(`center ${link.url} not reachable at start: this window settles alone and catches up when it is`);
    const l = link;
    ctx.onClose(() => l.close());
  }
  registerCenterApi(ctx, d, { link, client: deps.client });
  return { link };
}
