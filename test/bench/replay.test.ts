import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayWithWork } from '../../bench/headroom.js';
import { entriesOf, replay, type Endpoint } from '../../bench/queries.js';
import type { NotedRequest } from '../helpers/noted-requests.js';

const body = (name: string, delayMs = 0): object => ({ searches: [{ name, delayMs }] });
const noted = (name: string, seq: number, beside: number, after: number): NotedRequest<object> => ({
  body: body(name),
  seq,
  beside,
  after,
});

describe('entriesOf: the bench recorder turns noted requests into replay entries', () => {
  it('keeps requests sent one after the other as entries of their own', () => {
    expect(entriesOf([noted('info', 0, 0, -1), noted('round', 1, 0, 0), noted('same song', 2, 0, 1)])).toEqual([
      body('info'),
      body('round'),
      body('same song'),
    ]);
  });

  it("puts a split round's halves side by side and each further search after its own half", () => {
    // A and B at once; A answered first and its further search went out while B was still in flight.
    const a = [noted('A', 3, 0, 2), noted('B', 4, 1, 2), noted('A2', 5, 1, 3)];
    expect(entriesOf(a)).toEqual([{ atOnce: [[body('A'), body('A2')], [body('B')]] }]);
    const b = [noted('A', 3, 0, 2), noted('B', 4, 1, 2), noted('B2', 5, 1, 4)];
    expect(entriesOf(b)).toEqual([{ atOnce: [[body('A')], [body('B'), body('B2')]] }]);
  });

  it('sends a search asked once both halves answered after the group, not beside it', () => {
    const n = [noted('A', 0, 0, -1), noted('B', 1, 1, -1), noted('after both', 2, 0, 0), noted('next', 3, 0, 2)];
    expect(entriesOf(n)).toEqual([{ atOnce: [[body('A')], [body('B')]] }, body('after both'), body('next')]);
  });
});

describe('replay: the direct side sends what the port sent, in the same order of dependence', () => {
  let server: Server;
  let e: Endpoint;
  /** Each request's name with when it came and when it was answered (ms since the test's start). */
  const log: { names: string[]; came: number; answered: number }[] = [];
  let t0 = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const searches = (JSON.parse(text) as { searches: { name: string; delayMs: number }[] }).searches;
        const came = performance.now() - t0;
        setTimeout(
          () => {
            log.push({ names: searches.map((s) => s.name), came, answered: performance.now() - t0 });
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ results: searches.map(() => ({ found: 0, hits: [] })) }));
          },
          Math.max(...searches.map((s) => s.delayMs)),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    e = { nodes: [{ host: '127.0.0.1', port, protocol: 'http' }], base: `http://127.0.0.1:${port}`, searchKey: 'k', alias: 'a' };
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const entry = (name: string): { names: string[]; came: number; answered: number } => {
    const found = log.find((l) => l.names.includes(name));
    if (found === undefined) throw new Error(`${name} never came`);
    return found;
  };

  it("sends a half's further body when that half answers, while the other half is still out", async () => {
    log.length = 0;
    t0 = performance.now();
    await replay(e, [{ atOnce: [[body('A', 20), body('A2', 0)], [body('B', 200)]] }]);
    expect(entry('B').came).toBeLessThan(entry('A').answered);
    expect(entry('A2').came).toBeGreaterThanOrEqual(entry('A').answered - 1);
    expect(entry('A2').came).toBeLessThan(entry('B').answered);
  });

  it('sends the branches as one request, then their further bodies as one more, while another request is in flight', async () => {
    log.length = 0;
    t0 = performance.now();
    const busy = replay(e, [body('elsewhere', 150)]);
    await new Promise((r) => setTimeout(r, 20));
    await replay(e, [{ atOnce: [[body('A', 0), body('A2', 0)], [body('B', 0)]] }]);
    await busy;
    expect(entry('A').names).toEqual(['A', 'B']);
    expect(entry('A2').names).toEqual(['A2']);
    expect(entry('A2').came).toBeGreaterThanOrEqual(entry('A').answered - 1);
  });

  it('the headroom side sends the same bodies in the same order, its work in equal shares around them', async () => {
    log.length = 0;
    t0 = performance.now();
    const seen: string[] = [];
    const shares: number[] = [];
    const withWork = replayWithWork(30, (us) => {
      shares.push(us);
      return () => seen.push(`work after ${log.length} answers`);
    });
    await withWork(e, [body('id'), body('same song')]);
    expect(log.map((l) => l.names)).toEqual([['id'], ['same song']]);
    expect(seen).toEqual(['work after 0 answers', 'work after 1 answers', 'work after 2 answers']);
    expect(shares).toEqual([10]);
  });
});
