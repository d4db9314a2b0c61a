/**
 * The fetcher's real policy with the REAL hosts, without network: the allowlist per
 * endpoint, the address ranges refused after DNS, and refusals that happen before any
 * connection (a DNS answer is supplied by an injected resolver; nothing is connected to).
 */
import { describe, expect, it } from 'vitest';
import { checkAddress, isIpLiteral } from '../../src/net/address-policy.js';
import { ALLOWED_HOSTS, ENDPOINT_NAMES, isHostAllowed, type EndpointName } from '../../src/net/allowlist.js';
import { SafeFetchError } from '../../src/net/errors.js';
import { createSafeFetcher, type DnsResolver } from '../../src/net/safe-fetch.js';

const REAL: Record<EndpointName, string[]> = {
  itunes: ['itunes.apple.com', 'ITUNES.apple.com', 'itunes.apple.com.'],
  deezer: ['api.deezer.com'],
  youtube: ['www.youtube.com'],
  spotify: ['open.spotify.com'],
  soundcloud: ['soundcloud.com'],
  tidal: ['oembed.tidal.com', 'tidal.com'],
  bandcamp: ['lenatides.bandcamp.com', 'a-b.bandcamp.com'],
  genius: ['genius.com', 'GENIUS.com', 'genius.com.'],
  shortlinks: ['spotify.link', 'spotify.app.link', 'on.soundcloud.com', 'deezer.page.link', 'link.deezer.com'],
};

const FOREIGN: Record<EndpointName, string[]> = {
  // The pasted link's own host is not an API host.
  itunes: ['music.apple.com', 'apple.com', 'itunes.apple.com.evil.example', 'evil-itunes.apple.com.example'],
  deezer: ['www.deezer.com', 'deezer.com', 'api.deezer.com.evil.example', 'xapi.deezer.com'],
  youtube: ['youtube.com', 'm.youtube.com', 'youtu.be', 'www.youtube.com.evil.example'],
  spotify: ['spotify.com', 'api.spotify.com', 'open.spotify.com.evil.example'],
  soundcloud: ['api.soundcloud.com', 'evilsoundcloud.com', 'soundcloud.com.evil.example'],
  tidal: ['www.tidal.com', 'listen.tidal.com', 'api.tidal.com', 'tidal.com.evil.example'],
  bandcamp: ['bandcamp.com', 'www.bandcamp.com', 'a.b.bandcamp.com', 'evilbandcamp.com', 'x.bandcamp.com.evil.example', '-x.bandcamp.com'],
  genius: ['api.genius.com', 'images.genius.com', 'evilgenius.com', 'genius.com.evil.example', 'rapgenius.com'],
  shortlinks: ['open.spotify.com', 'soundcloud.com', 'bit.ly', 'spotify.link.evil.example'],
};

describe('allowlist (real hosts)', () => {
  it.each(ENDPOINT_NAMES)('%s allows exactly its own hosts', (endpoint) => {
    for (const host of REAL[endpoint]) expect(isHostAllowed(endpoint, host), host).toBe(true);
    for (const host of FOREIGN[endpoint]) expect(isHostAllowed(endpoint, host), host).toBe(false);
  });

  it('does not let one endpoint reach another endpoint’s host', () => {
    for (const endpoint of ENDPOINT_NAMES) {
      for (const other of ENDPOINT_NAMES) {
        if (other === endpoint) continue;
        for (const host of ALLOWED_HOSTS[other].hosts) expect(isHostAllowed(endpoint, host), `${endpoint} → ${host}`).toBe(false);
      }
    }
  });
});

describe('address policy', () => {
  const refused = [
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '127.0.0.1',
    '127.8.8.8',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '[::ffff:127.0.0.1]',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    'not-an-address',
  ];
  it.each(refused)('refuses %s', (address) => {
    expect(checkAddress(address).ok).toBe(false);
  });

  it.each(['17.253.144.10', '8.8.8.8', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])('accepts public %s', (address) => {
    expect(checkAddress(address).ok).toBe(true);
  });

  it('tells IP literals from names', () => {
    expect(isIpLiteral('10.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('api.deezer.com')).toBe(false);
  });
});

describe('safe fetcher refusals before any connection', () => {
  function fetcherWith(answers: string[]): { fetcher: ReturnType<typeof createSafeFetcher>; asked: string[] } {
    const asked: string[] = [];
    const resolve: DnsResolver = (host) => {
      asked.push(host);
      return Promise.resolve(answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    };
    return { fetcher: createSafeFetcher({ resolve, timeoutMs: 2000 }), asked };
  }

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
      return 'no error';
    } catch (error) {
      return error instanceof SafeFetchError ? error.code : String(error);
    }
  }

  const signal = new AbortController().signal;

  it('refuses an allowlisted name whose DNS answer is private, loopback or link-local', async () => {
    for (const answer of [['10.0.0.1'], ['127.0.0.1'], ['169.254.169.254'], ['::ffff:127.0.0.1'], ['17.253.144.10', '192.168.0.2']]) {
      const { fetcher, asked } = fetcherWith(answer);
      expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: 'https://api.deezer.com/track/1', signal })), answer.join()).toBe(
        'refused-address',
      );
      expect(asked).toEqual(['api.deezer.com']);
    }
  });

  it('refuses other schemes, ports, credentials and hosts without resolving them', async () => {
    const { fetcher, asked } = fetcherWith(['17.253.144.10']);
    const cases: [EndpointName, string, string][] = [
      ['deezer', 'http://api.deezer.com/track/1', 'refused-scheme'],
      ['deezer', 'ftp://api.deezer.com/track/1', 'refused-scheme'],
      ['deezer', 'https://api.deezer.com:8443/track/1', 'refused-host'],
      ['deezer', 'https://user:pw@api.deezer.com/track/1', 'refused-host'],
      ['itunes', 'https://music.apple.com/gb/song/x/1', 'refused-host'],
      ['youtube', 'https://api.deezer.com/track/1', 'refused-host'],
      ['itunes', 'https://169.254.169.254/latest/meta-data/', 'refused-address'],
      ['itunes', 'https://[::ffff:127.0.0.1]/', 'refused-address'],
      ['itunes', 'https://2130706433/', 'refused-address'],
      ['itunes', 'https://10.0.0.1/', 'refused-address'],
      ['itunes', 'https://8.8.8.8/', 'refused-host'],
    ];
    for (const [endpoint, url, code] of cases) expect(await codeOf(fetcher.get({ endpoint, url, signal })), url).toBe(code);
    expect(asked).toEqual([]);
  });

  it('accepts only exact http://127.0.0.1:<port> stand-ins as a test exemption', () => {
    for (const origin of [
      'http://localhost:8080',
      'http://127.0.0.1',
      'https://127.0.0.1:8080',
      'http://10.0.0.1:80',
      'http://[::1]:80',
      'http://127.0.0.2:80',
      'http://127.0.0.1:80/x',
    ]) {
      expect(() => createSafeFetcher({ testStandIns: { deezer: origin } }), origin).toThrow(/stand-in/);
    }
    expect(() => createSafeFetcher({ testStandIns: { deezer: 'http://127.0.0.1:8080' } })).not.toThrow();
  });
});
