// The engine area in the app: the pack registry as the `policies` service, and the `policy.*`
// calls (list, import by a technician, the pack in force for this clinic).
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { PolicyPackView } from '../api/contract';
import { none, obj, optional, str } from '../api/validate';
import { getInstitution } from '../platform/institution';
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/time';
import { packHash, type PolicyPack } from '../core/engine';
import { PolicyRegistry } from './store';


export interface PoliciesDeps {
  /** True while the built-in network simulator plays the network (demo packs may then be chosen). */
  simulated(): boolean;
}

export function installPolicies(ctx: AppContext, d: Dispatcher, deps: PoliciesDeps): PolicyRegistry {
  const policies = new PolicyRegistry(ctx.dataDir, undefined, deps.simulated);
  for (const e of policies.errors()) ctx.log.error(`policy pack refused at start: ${e.detail ?? e.message}`);
  ctx.log.info(`policy packs: ${policies.all().map((p) => `${p.id} ${packHash(p).slice(0, 19)}`).join(', ')}`);

  const inForce = (region?: string, date?: string): PolicyPack | undefined => {
    const inst = getInstitution(ctx);
    return policies.choose(region, date ?? chinaDate(ctx.now()), inst.region);
  };
  const view = (p: PolicyPack, current: PolicyPack | undefined): PolicyPackView => ({
    id: p.id, name: p.name, region: p.region, from: p.effective.from, to: p.effective.to,
    hash: packHash(p), source: policies.source(p), inForce: p.id === current?.id,
  });

  d.register('policy.list', {
    role: 'any',
    input: none(),
    run: () => {
      const current = inForce();
      return policies.all().map((p) => view(p, current));
    },
  });
  d.register('policy.inForce', {
    role: 'any',
    input: obj({ region: optional(str({ pattern: /^\d{6}$/ })), date: optional(str({ pattern: /^\d{4}-\d{2}-\d{2}$/ })) }),
    run: ({ region, date }) => {
      const p = inForce(region, date);
      return p ? view(p, p) : null;
    },
  });
  d.register('policy.import', {
    role: 'technician',
    input: obj({ file: str({ min: 1, max: 4096 }) }),
    audit: (_i, o) => `导入政策包 ${o.id}（校验值 ${o.hash}）`,
    run: ({ file }) => {
      const r = policies.import(file);
      if (!r.ok) throw new AppFailure(r.error);
      return view(r.value.pack, inForce());
    },
  });
  return policies;
}
