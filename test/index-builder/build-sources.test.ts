/** Sources that go wrong (the wrong file, a missing one, too many rejects, --strict) and sources streamed over http from 127.0.0.1. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildError } from '../../index-builder/build-error.js';
import { WrongFileError } from '../../index-builder/mapping.js';
import { SourceError } from '../../index-builder/sources.js';
import { StrictStop } from '../../index-builder/source-run.js';
import { admin, aliases, build, dropAliases, fixture } from './build-setup.js';

afterAll(dropAliases);

describe('what goes wrong', () => {
  it('the wrong file says which columns were expected and which were found', async () => {
    const err = await build([{ dataset: 'spotify-tracks', location: fixture('wrong/dataset.csv') }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongFileError);
    expect((err as Error).message).toContain('expected columns track_id, track_name, artists, album_name, duration_ms');
    expect((err as Error).message).toContain('found id, name, colour');
    const alias = aliases[aliases.length - 1] ?? '';
    const left = (await admin.collections().retrieve()).map((c) => c.name).filter((n) => n.startsWith(`${alias}__build_`));
    expect(left).toEqual([]); // nothing was imported, so no half-built collection is kept
    const fma = await build([{ dataset: 'fma', location: fixture('spotify/dataset.csv') }]).catch((e: unknown) => e);
    expect((fma as Error).message).toMatch(
      /expected columns track\.title, artist\.name, album\.title, track\.duration; found , track_id, artists,/,
    );
    const parquet = await build([{ dataset: 'laion-disco-12m', location: fixture('sleeping/a.jsonl') }]).catch((e: unknown) => e);
    expect(parquet).toBeInstanceOf(SourceError);
    expect((parquet as Error).message).toContain('is not a readable parquet file');
  });

  it('a missing file or an unknown dataset is a clear error before anything is built', async () => {
    await expect(build([{ dataset: 'fma', location: '/nonexistent/tracks.csv' }])).rejects.toThrow(/fma: file not found: \/nonexistent/);
    await expect(build([{ dataset: 'laion-disco-12m', location: fixture('laion/*.nothing') }])).rejects.toThrow(/no file matches/);
    await expect(build([{ dataset: 'mystery', location: fixture('laion') }])).rejects.toBeInstanceOf(BuildError);
  });

  it('a first build refused for its rejects says nothing was swapped in, and leaves no collection', async () => {
    const err = await build([{ dataset: 'spotify-tracks', location: fixture('spotify') }], { maxRejected: 0.01 }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'spotify-tracks: 2 of 9 rows rejected (22.2%, above --max-rejected 1%), mostly "missing title" (first at dataset.csv:5); nothing was swapped in',
    );
    const alias = aliases[aliases.length - 1] ?? '';
    await expect(admin.aliases(alias).retrieve()).rejects.toMatchObject({ httpStatus: 404 });
    expect((await admin.collections().retrieve()).map((c) => c.name).filter((n) => n.startsWith(`${alias}__build_`))).toEqual([]);
  });

  it('--strict stops at the first rejected row and leaves the alias alone', async () => {
    const err = await build([{ dataset: 'spotify-tracks', location: fixture('spotify') }], { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StrictStop);
    expect((err as Error).message).toContain('dataset.csv:5 rejected (missing title)');
    const alias = aliases[aliases.length - 1] ?? '';
    await expect(admin.aliases(alias).retrieve()).rejects.toMatchObject({ httpStatus: 404 });
  });
});

describe('sources over http(s)', () => {
  let server: Server;
  let base: string;
  let requests = 0;

  beforeAll(async () => {
    // Streams files in small chunks without Content-Length, as a slow mirror would.
    server = createServer((req, res) => {
      requests += 1;
      const path = fixture(decodeURIComponent(req.url ?? '/').slice(1));
      stat(path).then(
        () => {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          createReadStream(path, { highWaterMark: 64 }).pipe(res);
        },
        () => {
          res.writeHead(404);
          res.end();
        },
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('streams CSV, JSONL and parquet from a URL with the same counts as from disk', async () => {
    const { report } = await build([
      { dataset: 'spotify-tracks', location: `${base}/spotify/dataset.csv` },
      { dataset: 'sleeping-disco-9m', location: `${base}/sleeping/a.jsonl` },
      { dataset: 'laion-disco-12m', location: `${base}/laion/train-00000-of-00001.parquet` },
      { dataset: 'fma', location: `${base}/fma/tracks.csv` },
    ]);
    expect(report.sources.map((s) => [s.dataset, s.read, s.imported, s.rejected])).toEqual([
      ['spotify-tracks', 9, 7, 2],
      ['sleeping-disco-9m', 18, 11, 7],
      ['laion-disco-12m', 13, 8, 5],
      ['fma', 9, 6, 3],
    ]);
    expect(report.datasets.find((d) => d.dataset === 'spotify-tracks')?.indexed).toBe(5);
    expect(requests).toBeGreaterThanOrEqual(4);
  });

  it('a URL that answers 404 is one clear error', async () => {
    await expect(build([{ dataset: 'spotify-tracks', location: `${base}/missing.csv` }])).rejects.toThrow(
      /GET .*missing\.csv answered 404/,
    );
  });
});
