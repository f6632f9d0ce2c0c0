/** Tickets over the sync connection: requests, answers, refusals, caching, timeouts, disconnection. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, ZERO_ID } from '../wire';
import type { Frame } from '../wire';
import { initSodium } from '../../crypto';
import { BlobTicketDesk } from './ticketDesk';

beforeAll(initSodium);

const ROOM = new Uint8Array(16).fill(7);
const OTHER = new Uint8Array(16).fill(8);

function desk(now = { t: 1_000_000 }, open = true) {
  const sent: Extract<Frame, { type: 'blobTicket' }>[] = [];
  const d = new BlobTicketDesk({
    send: (frame) => {
      if (frame.type === 'blobTicket') sent.push(frame);
      return open;
    },
    now: () => now.t,
    timeoutMs: 50,
  });
  const answer = (i: number, expiresAt = now.t + 600_000, room = ROOM): boolean =>
    d.receive({
      type: 'blobTicketed',
      room,
      requestId: sent[i]!.requestId,
      ticket: new Uint8Array(32).fill(i + 1),
      expiresAt,
      maxFileBytes: 20,
      quotaBytes: 30,
      usedBytes: 4,
    });
  return { d, sent, answer, now };
}

describe('BlobTicketDesk', () => {
  it('sends blobTicket for the room and resolves with the answer naming its request id', async () => {
    const { d, sent, answer } = desk();
    const p = d.ticket(ROOM);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.room).toEqual(ROOM);
    expect(answer(0)).toBe(true);
    expect(await p).toMatchObject({ ok: true, value: { maxFileBytes: 20, quotaBytes: 30, usedBytes: 4 } });
  });

  it('shares one request among concurrent callers and reuses the ticket until shortly before it expires', async () => {
    const { d, sent, answer, now } = desk();
    const a = d.ticket(ROOM);
    const b = d.ticket(ROOM);
    answer(0, now.t + 120_000);
    expect((await a).ok && (await b).ok).toBe(true);
    await d.ticket(ROOM);
    expect(sent).toHaveLength(1);
    now.t += 61_000;
    const c = d.ticket(ROOM);
    expect(sent).toHaveLength(2);
    answer(1);
    expect(await c).toMatchObject({ ok: true });
    const fresh = d.ticket(ROOM, true);
    expect(sent).toHaveLength(3);
    answer(2);
    await fresh;
  });

  it('resolves a refusal naming its request as ticket_refused, and ignores frames that are not its own', async () => {
    const { d, sent, answer } = desk();
    const p = d.ticket(ROOM);
    expect(d.receive({ type: 'error', room: ROOM, code: ErrorCode.not_authenticated, envelopeId: ZERO_ID, message: 'x' })).toBe(false);
    expect(answer(0, 1e12, OTHER)).toBe(false);
    expect(d.receive({ type: 'error', room: ROOM, code: ErrorCode.not_authenticated, envelopeId: sent[0]!.requestId, message: 'x' })).toBe(true);
    expect(await p).toMatchObject({ ok: false, code: 'ticket_refused' });
    expect(d.receive({ type: 'leave', room: ROOM })).toBe(false);
  });

  it('fails with rete when the connection is not open or drops, and with ticket_timeout when no answer comes', async () => {
    expect(await desk(undefined, false).d.ticket(ROOM)).toMatchObject({ ok: false, code: 'rete' });
    const { d } = desk();
    const p = d.ticket(ROOM);
    d.disconnected();
    expect(await p).toMatchObject({ ok: false, code: 'rete' });
    expect(await desk().d.ticket(OTHER)).toMatchObject({ ok: false, code: 'ticket_timeout' });
  });
});
