// What a newcomer sees of store-and-forward: with the network down, the status bar says so and
// counts the unsent settlements; Alt+2 lists them; a settlement the network refuses shows the
// network's message and is cancelled with a reason; the queue drains when the network returns;
// Alt+3 reconciles the day with the network.
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, setNetworkFaults, screenshotPath, CASHIER, type WindowApp } from '../window/harness';
import type { SettlementService } from '../../../electron/settlement/service';
import type { SettlementLineInput } from '../../../electron/api/contract';
import { DEMO_PERSONS } from '../../../electron/demo/persons';
import { NET } from '../support/waits';

let app: WindowApp;
let token: string;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
  token = (await app.api('auth.login', { operatorId: CASHIER.id, password: CASHIER.password })).value.token;
});
test.afterEach(async () => {
  await app.close();
});

const LINES: SettlementLineInput[] = [
  { code: '001101000010000', name: '一般诊疗费', amount: '10.00', class: 'A', category: '12' },
  { code: 'XJ01CAA046E001010100213', name: '阿莫西林', amount: '36.50', class: 'A', category: '09' },
];

/** The settlement service in the app's process: settles given lines (setup for what the spec is about; the API has no such call). */
function settlements(): SettlementService {
  return app.services.settlement.service;
}

/** The network down (every request dropped) and known to be so: the next settlement is made offline. */
function goOffline() {
  setNetworkFaults(app, 'drop=1');
  app.services.settlement.forwarder.observe(false);
}

/** 1101 by a demo card: its number and card_sn (卡识别码), which the spec requires with it. */
async function lookup(certNo: string) {
  const cardSn = DEMO_PERSONS.find((p) => p.card.cardNumber === certNo)!.card.cardId;
  return settlements().lookupPerson({ certType: 'ssCard', certNo, cardSn });
}

async function settle(personNo: string, certNo: string, ref: string, type: 'outpatient' | 'chronicOutpatient' = 'outpatient') {
  return settlements().settle({
    person: { personNo, certType: 'ssCard', certNo },
    visit: { ref, type, date: '2020-06-15', lines: LINES },
    payment: { method: 'cash' },
    operatorId: CASHIER.id,
  });
}

test('the unsent count, the queue, a dead letter cancelled with a reason, draining and reconciliation', async ({ page }) => {
  const poor = await lookup('M10000001');
  const ordinary = await lookup('M10000004');
  // Online the network decides at the window: only what was settled offline is replayed. Both go offline.
  goOffline();
  // A chronic-disease visit of a person without the registration: its replay is refused (no disease code): a dead letter.
  const refused = await settle(ordinary.personNo, 'M10000004', 'E2E-DEAD', 'chronicOutpatient');
  const queued = await settle(poor.personNo, 'M10000001', 'E2E-OFFLINE');
  expect(queued.network.state).toBe('pending');

  await login(page, app);
  await expect(page.getByText('医保网络离线', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/未上传 2 笔/)).toBeVisible();
  await page.keyboard.press('Alt+2');
  const main = page.getByRole('main');
  await expect(main).toContainText(refused.receiptNo);
  await expect(main).toContainText(queued.receiptNo);
  await expect(main).not.toContainText('张建国');

  // The network returns: the queue is sent; the chronic visit's replay is refused: a dead letter.
  setNetworkFaults(app, '');
  await main.getByRole('button', { name: '立即上传' }).click();
  await expect(main.getByRole('heading', { name: /医保拒绝（失败项）1 笔/ })).toBeVisible(NET);
  await expect(main).toContainText(refused.receiptNo);
  await expect(main).toContainText('门诊慢特病');
  await page.screenshot({ path: screenshotPath('40-queue-offline-dead-letter') });

  page.once('dialog', (d) => void d.accept('未做门慢备案，改为普通门诊重新结算'));
  await main.getByLabel('操作员密码').fill(CASHIER.password);
  await main.getByRole('button', { name: '撤销（填写原因）' }).click();
  await expect(main.getByRole('heading', { name: /医保拒绝（失败项）0 笔/ })).toBeVisible(NET);
  await expect(main.getByRole('status')).toContainText('已撤销');

  await main.getByRole('button', { name: '立即上传' }).click();
  await expect(page.getByText(/未上传 0 笔/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('医保网络在线', { exact: true })).toBeVisible();
  await expect(main).toContainText('队列为空');

  await page.keyboard.press('Alt+3');
  await main.getByRole('button', { name: '与医保对账' }).click();
  await expect(main).toContainText(/对账 .* 至 .*：/, { timeout: 20_000 });
  await page.screenshot({ path: screenshotPath('41-reconcile') });
});

test('a refused take-back of a visit that never settled is given up with a reason', async ({ page }) => {
  const poor = await lookup('M10000001');
  // The visit is registered and its lines uploaded (ahead of the patient); the network then goes
  // down and the settlement is made offline, to be replayed (2207 alone).
  await settlements().uploadAhead({ person: { personNo: poor.personNo, certType: 'ssCard', certNo: 'M10000001' }, visit: { ref: 'E2E-UNDO', type: 'outpatient', date: '2020-06-15', lines: LINES } });
  goOffline();
  const s = await settle(poor.personNo, 'M10000001', 'E2E-UNDO');
  expect(s.network.state).toBe('pending');
  // The network is back but the settlement's replay (2207) does not get through.
  setNetworkFaults(app, 'drop=1,only=2207');
  // The network has meanwhile closed the visit by other means: it will refuse the window's 2205.
  const sim = app.services.network.sim()!;
  const atNetwork = () => sim.ledger().visits.find((v) => v.hisVisitNo === 'E2E-UNDO');
  await expect.poll(() => atNetwork()?.visitId, { timeout: 20_000 }).toBeTruthy();
  sim.platform.books.visits.get(atNetwork()!.visitId)!.state = 'cancelled';
  // The settle's unknown outcome is resolved first (not applied): the cancellation is local and takes the visit back.
  const c = await app.api('window.cancel', { settlementId: s.id, reason: '收费错误', password: CASHIER.password }, token);
  expect(c.ok, JSON.stringify(c.error)).toBe(true);
  setNetworkFaults(app, '');

  await login(page, app);
  await page.keyboard.press('Alt+2');
  const main = page.getByRole('main');
  await main.getByRole('button', { name: '立即上传' }).click();
  await expect(main.getByRole('heading', { name: /医保拒绝（失败项）1 笔/ })).toBeVisible({ timeout: 20_000 });
  // The take-back the network refuses: of the fee lines (2205) or of the registration (2202).
  await expect(main).toContainText(/费用明细撤销|挂号撤销/);
  await expect(main.getByRole('button', { name: '撤销（填写原因）' })).toHaveCount(0);
  page.once('dialog', (d) => void d.accept('医保端已撤销该挂号'));
  await main.getByRole('button', { name: '放弃撤回（填写原因）' }).click();
  await expect(main.getByRole('status')).toContainText('已放弃撤回');
  await expect(main.getByRole('heading', { name: /医保拒绝（失败项）0 笔/ })).toBeVisible();
  await expect(page.getByText(/未上传 0 笔/)).toBeVisible({ timeout: 20_000 });
});
