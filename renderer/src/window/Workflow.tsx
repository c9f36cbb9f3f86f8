// The cashier's workflow, one patient at a time: identify -> visit (or hand-entered lines) ->
// pre-settle and pay -> settled. Used by the window screen and (simpler) by the village screen.
import { useState } from 'react';
import type { PaymentInput, PersonView, PreSettleInput, PreSettleView, SettledView, TraceSessionView } from '../../../electron/api/contract';
import { call } from '../useCall';
import { PersonCard } from './PersonCard';
import { IdentifyStep } from './IdentifyStep';
import { VisitStep } from './VisitStep';
import { ManualLines } from './ManualLines';
import { PayStep } from './PayStep';
import { DoneStep } from './DoneStep';
import { ScanStep } from './ScanStep';

type Step =
  | { kind: 'identify' }
  | { kind: 'visit'; person: PersonView }
  | { kind: 'manual'; person: PersonView }
  | { kind: 'scan'; person: PersonView; pre: PreSettleView; from: 'visit' | 'manual'; input: PreSettleInput; session: TraceSessionView }
  | { kind: 'pay'; person: PersonView; pre: PreSettleView; from: 'visit' | 'manual'; input: PreSettleInput }
  | { kind: 'done'; person: PersonView; settled: SettledView };

const STEPS: [Step['kind'][], string][] = [
  [['identify'], '读卡识别'],
  [['visit', 'manual'], '就诊与费用'],
  [['scan', 'pay'], '预结算与收款'],
  [['done'], '结算与收据'],
];

function Steps(props: { now: Step['kind'] }) {
  const at = STEPS.findIndex(([kinds]) => kinds.includes(props.now));
  return (
    <ol className="wf-steps" aria-label="结算步骤">
      {STEPS.map(([, label], i) => (
        <li key={label} className={i === at ? 'now' : i < at ? 'done' : ''} aria-current={i === at ? 'step' : undefined}>
          {i + 1}. {label}
        </li>
      ))}
    </ol>
  );
}

export function Workflow(props: { village?: boolean; active?: boolean }) {
  const [step, setStep] = useState<Step>({ kind: 'identify' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const active = props.active ?? true;
  const firstStep = (person: PersonView): Step => (props.village ? { kind: 'manual', person } : { kind: 'visit', person });

  const preSettle = async (person: PersonView, input: PreSettleInput, from: 'visit' | 'manual', note?: string) => {
    setBusy(true);
    setError(undefined);
    const res = await call('window.preSettle', props.village ? { ...input, village: true } : input);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    // A HIS visit's drug lines get their traceability codes scanned before the payment.
    const scan = input.visitId ? await call('trace.open', { visitId: input.visitId }) : undefined;
    if (scan?.ok && scan.value.lines.length && !scan.value.ready) setStep({ kind: 'scan', person, pre: res.value, from, input, session: scan.value });
    else setStep({ kind: 'pay', person, pre: res.value, from, input });
    if (note) setError(note);
  };
  const settle = async (pay: Extract<Step, { kind: 'pay' }>, accountPay: string, payment: PaymentInput) => {
    setBusy(true);
    setError(undefined);
    const res = await call('window.settle', { ticket: pay.person.ticket, preId: pay.pre.preId, accountPay, payment });
    setBusy(false);
    // The visit's lines changed since the pre-settlement (HIS or item mapping): pre-settle again and show the new amounts.
    if (!res.ok && res.error.code === 'PRESETTLE_STALE') {
      return preSettle(pay.person, pay.input, pay.from, `${res.error.message}。已按最新明细重新预结算，请核对金额后再收款。`);
    }
    if (!res.ok) return setError(res.error.message);
    setStep({ kind: 'done', person: pay.person, settled: res.value });
  };
  const back = (to: Step) => {
    setError(undefined);
    setStep(to);
  };

  const person = step.kind === 'identify' ? undefined : step.person;
  return (
    <div>
      {props.village ? <p className="badge warn" data-testid="village-mode" role="note">村卫生室模式：按村卫生室（村级医疗机构）结算</p> : null}
      <Steps now={step.kind} />
      <div className={person ? 'wf' : ''}>
        {person ? <PersonCard person={person} /> : null}
        <div>
          {step.kind === 'identify' ? <IdentifyStep active={active} village={props.village} onPerson={(p) => setStep(firstStep(p))} /> : null}
          {step.kind === 'visit' ? (
            <VisitStep
              person={step.person}
              active={active && !busy}
              busy={busy}
              error={error}
              onPreSettle={(i) => void preSettle(step.person, i, 'visit')}
              onManual={() => back({ kind: 'manual', person: step.person })}
              onBack={() => back({ kind: 'identify' })}
            />
          ) : null}
          {step.kind === 'manual' ? (
            <ManualLines
              person={step.person}
              village={props.village}
              active={active && !busy}
              busy={busy}
              error={error}
              onPreSettle={(i) => void preSettle(step.person, i, 'manual')}
              onBack={() => back(props.village ? { kind: 'identify' } : { kind: 'visit', person: step.person })}
            />
          ) : null}
          {step.kind === 'scan' ? (
            <ScanStep
              key={step.pre.preId}
              session={step.session}
              active={active && !busy}
              onDone={() => back({ kind: 'pay', person: step.person, pre: step.pre, from: step.from, input: step.input })}
              onBack={() => back({ kind: step.from, person: step.person })}
            />
          ) : null}
          {step.kind === 'pay' ? (
            <PayStep
              key={step.pre.preId}
              person={step.person}
              pre={step.pre}
              active={active && !busy}
              busy={busy}
              error={error}
              onSettle={(a, p) => void settle(step, a, p)}
              onBack={() => back({ kind: step.from, person: step.person })}
            />
          ) : null}
          {step.kind === 'done' ? <DoneStep settled={step.settled} active={active} onNext={() => back({ kind: 'identify' })} /> : null}
        </div>
      </div>
    </div>
  );
}
