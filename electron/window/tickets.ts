// The window's open cases, one per identified patient: who was identified how, the person data
// (network or cache, with its age), and the last pre-settlement. Kept in memory for a while;
// every later call names the ticket, so the browser never asserts "card-free" or a person itself.
import crypto from 'node:crypto';
import type { IdentifyMethod, PreSettleInput, PreSettleView } from '../api/contract';
import type { Cert, NetPerson } from '../network/client';
import { AppFailure } from '../core/result';

export interface PreSettled {
  preId: string;
  input: PreSettleInput;
  view: PreSettleView;
  /** What the settlement service needs to settle exactly what was pre-settled. */
  handle: unknown;
  /** The priced lines' fingerprint (visitFingerprint), checked again when settling. */
  fingerprint: string;
}

export interface Ticket {
  id: string;
  operatorId: string;
  createdAt: number;
  method: IdentifyMethod;
  cert: Cert;
  person: NetPerson;
  source: 'network' | 'cache';
  fetchedAt: string;
  cardFree: boolean;
  pre?: PreSettled;
  settledId?: string;
}

const TTL_MS = 4 * 3600_000;
const MAX = 500;

export class TicketStore {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => Date) {}

  open(t: Omit<Ticket, 'id' | 'createdAt'>): Ticket {
    this.sweep();
    const ticket: Ticket = { ...t, id: crypto.randomBytes(12).toString('base64url'), createdAt: this.now().getTime() };
    this.tickets.set(ticket.id, ticket);
    return ticket;
  }

  /** The operator's own open ticket, or a Chinese refusal. */
  get(id: string, operatorId: string): Ticket {
    const t = this.tickets.get(id);
    if (!t || t.operatorId !== operatorId || this.now().getTime() - t.createdAt > TTL_MS) {
      throw new AppFailure({ code: 'TICKET_EXPIRED', message: '本次结算已失效，请重新读卡', detail: 'unknown or expired ticket', field: 'ticket' });
    }
    return t;
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [id, t] of this.tickets) if (now - t.createdAt > TTL_MS) this.tickets.delete(id);
    while (this.tickets.size >= MAX) this.tickets.delete(this.tickets.keys().next().value!);
  }
}
