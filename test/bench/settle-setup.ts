// Shared set-up of the settle area's benchmarks: a window over a fresh SQLite file (WAL,
// synchronous=FULL, as the app opens it), persons in its cache, high offline limits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/store/db';
import { SettingsRepo } from '../../electron/store/settings';
import { silentLogger } from '../../electron/platform/logger';
import { DEFAULT_INSTITUTION } from '../../electron/platform/institution';
import { PolicyRegistry } from '../../electron/policy/store';
import { MsgIdSource, createNetworkClient, type NetPerson, type NetworkClient } from '../../electron/network/client';
import { createSettleCore, type SettleCore } from '../../electron/settlement/core';
import { visitClinical } from '../../electron/network/forwarder';
import { demoVisitSetup } from '../../electron/network/demo-setup';
import { writeLimits } from '../../electron/settlement/limits';
import type { DemoPerson } from '../../electron/demo/persons';

export interface BenchWindow extends SettleCore {
  db: Db;
  dir: string;
  setClient(url: string | undefined): void;
  close(): Promise<void>;
}

export function benchWindow(concurrency = 8): BenchWindow {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-bench-'));
  const db = openDatabase(path.join(dir, 'settle.db'));
  const settings = new SettingsRepo(db);
  writeLimits(settings, { perVisit: '1000000.00', perPersonDay: '100000000.00', differencePolicy: 'institution' });
  const inst = DEFAULT_INSTITUTION;
  const msgids = new MsgIdSource({ db, institutionCode: inst.code, terminalNo: inst.terminalNo });
  let client: NetworkClient | undefined;
  const visit = demoVisitSetup();
  const core = createSettleCore({
    db, settings, log: silentLogger, now: () => new Date(), policies: new PolicyRegistry(dir), institution: () => inst,
    client: () => client, nextMsgid: (infno) => msgids.nextSync(infno),
    // The visit data the network's visit steps need (no HIS here): the demo clinic's.
    clinical: (doc) => visitClinical(doc, { setup: visit }),
    forwarder: { concurrency, baseDelayMs: 20, maxDelayMs: 200, requestTimeoutMs: 10_000 }, onlineWaitMs: 0,
  });
  return {
    ...core, db, dir,
    setClient(url) {
      client = url
        ? createNetworkClient(
            {
              endpoint: url, institutionCode: inst.code, institutionName: inst.name, region: inst.region, receiverSystemCode: 'MBS_LOCAL',
              interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'BENCH', operatorName: '基准测试', terminalNo: inst.terminalNo,
            },
            { msgids },
          )
        : undefined;
    },
    async close() {
      await core.forwarder.stop();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A demo person as the network's 1101 would describe it, put in the cache. */
export function cachePerson(w: BenchWindow, p: DemoPerson, personNo = p.personNo): void {
  const person: NetPerson = {
    personNo, insutype: p.insuranceType === 'employee' ? '310' : '390', insuranceRegion: p.region, name: p.name, idNumber: p.idNumber,
    idType: '01', gender: p.gender, nation: p.nation, birthDate: p.birthDate, insuranceType: p.insuranceType, personType: '1501',
    insuranceStatus: '1', insurances: [], accountBalance: p.accountBalance, identities: [...p.identities], identityRows: [], enrolled: [...p.enrolled], chronic: [],
  };
  w.repos.persons.put(personNo, person, new Date().toISOString(), [{ type: 'ssCard', no: `${p.card.cardNumber}-${personNo}` }]);
}
