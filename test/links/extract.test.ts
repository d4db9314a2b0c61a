import { describe, expect, it } from 'vitest';
import { extractLinks, MAX_LINKS_PER_MESSAGE } from '../../src/links/extract.js';

const one = (text: string) => {
  const links = extractLinks(text);
  expect(links, text).toHaveLength(1);
  const [link] = links;
  if (link === undefined) throw new Error(`no link in ${text}`);
  return link;
};

describe('extractLinks: every form in links.md', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['http://youtube.com/watch?list=PL123&v=dQw4w9WgXcQ', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ?si=abc', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['youtu.be/dQw4w9WgXcQ', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['https://www.youtube.com/shorts/dQw4w9WgXcQ', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'youtube', 'track', 'dQw4w9WgXcQ'],
    ['https://music.youtube.com/watch?v=dQw4w9WgXcQ&feature=share', 'youtube-music', 'track', 'dQw4w9WgXcQ'],
    ['https://music.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw', 'youtube-music', 'artist', 'UCuAXFkgsw1L7xaCfnd5JJOw'],
    ['https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=a1b2c3', 'spotify', 'track', '4uLU6hMCjMI75M1A2tKUQC'],
    ['https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC', 'spotify', 'track', '4uLU6hMCjMI75M1A2tKUQC'],
    ['spotify:track:4uLU6hMCjMI75M1A2tKUQC', 'spotify', 'track', '4uLU6hMCjMI75M1A2tKUQC'],
    ['https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3', 'spotify', 'album', '1DFixLWuPkv3KT3TnV35m3'],
    ['https://open.spotify.com/artist/0gxyHStUsqpMadRV0Di1Qt', 'spotify', 'artist', '0gxyHStUsqpMadRV0Di1Qt'],
    ['https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M', 'spotify', 'playlist', '37i9dQZF1DXcBWIGoYBM5M'],
    ['https://spotify.link/AbCdEf123', 'spotify', 'short', 'AbCdEf123'],
    ['https://music.apple.com/us/album/bohemian-rhapsody/1440650428?i=1440650711', 'apple-music', 'track', '1440650711'],
    ['https://music.apple.com/gb/album/a-night-at-the-opera/1440650428', 'apple-music', 'album', '1440650428'],
    ['https://music.apple.com/us/song/bohemian-rhapsody/1440650711', 'apple-music', 'track', '1440650711'],
    ['https://geo.music.apple.com/us/album/x/1440650428?i=1440650711&app=music', 'apple-music', 'track', '1440650711'],
    ['https://itunes.apple.com/us/album/x/id1440650428?i=1440650711', 'apple-music', 'track', '1440650711'],
    ['https://www.deezer.com/fr/track/3135556', 'deezer', 'track', '3135556'],
    ['https://deezer.com/track/3135556', 'deezer', 'track', '3135556'],
    ['https://deezer.page.link/abc123XYZ', 'deezer', 'short', 'abc123XYZ'],
    ['https://link.deezer.com/s/30ABCdef', 'deezer', 'short', 's/30ABCdef'],
    ['https://soundcloud.com/artist-name/track-name', 'soundcloud', 'track', 'artist-name/track-name'],
    ['https://soundcloud.com/artist-name/sets/album-name', 'soundcloud', 'playlist', 'artist-name/album-name'],
    ['https://on.soundcloud.com/AbC12', 'soundcloud', 'short', 'AbC12'],
    ['https://tidal.com/browse/track/77646168', 'tidal', 'track', '77646168'],
    ['https://listen.tidal.com/track/77646168', 'tidal', 'track', '77646168'],
    ['https://tidal.com/track/77646168', 'tidal', 'track', '77646168'],
    ['https://artistname.bandcamp.com/track/song-slug', 'bandcamp', 'track', 'artistname/song-slug'],
    ['https://artistname.bandcamp.com/album/album-slug', 'bandcamp', 'album', 'artistname/album-slug'],
    ['http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food', 'fma', 'track', 'AWOL/AWOL_-_A_Way_Of_Life/Food'],
    ['https://freemusicarchive.org/music/Kurt_Vile/Constant_Hitmaker/Freeway/', 'fma', 'track', 'Kurt_Vile/Constant_Hitmaker/Freeway'],
    ['https://music.amazon.com/albums/B07D1Q4Y5Q?trackAsin=B07D1RJ4ZC', 'amazon-music', 'track', 'B07D1RJ4ZC'],
    ['https://music.amazon.com/tracks/B07D1RJ4ZC', 'amazon-music', 'track', 'B07D1RJ4ZC'],
    ['https://open.qobuz.com/track/12345678', 'qobuz', 'track', '12345678'],
    ['https://www.qobuz.com/gb-en/album/a-night-at-the-opera-queen/0050087325467', 'qobuz', 'album', '0050087325467'],
    ['https://www.pandora.com/artist/queen/a-night-at-the-opera/bohemian-rhapsody/TRabc123', 'pandora', 'track', 'TRabc123'],
    ['https://music.yandex.ru/album/1234/track/5678', 'yandex', 'track', '5678'],
    ['https://music.yandex.com/track/5678', 'yandex', 'track', '5678'],
  ])('%s', (url, platform, kind, id) => {
    expect(one(`look: ${url}`)).toMatchObject({ platform, kind, id });
  });

  it('keeps the URL as written, trimmed of punctuation and chat markup', () => {
    expect(one('(see https://youtu.be/dQw4w9WgXcQ).').url).toBe('https://youtu.be/dQw4w9WgXcQ');
    expect(one('<https://youtu.be/dQw4w9WgXcQ>').url).toBe('https://youtu.be/dQw4w9WgXcQ');
    expect(one('<https://youtu.be/dQw4w9WgXcQ|my song>').url).toBe('https://youtu.be/dQw4w9WgXcQ');
    expect(one('[song](https://youtu.be/dQw4w9WgXcQ)').url).toBe('https://youtu.be/dQw4w9WgXcQ');
    expect(one('`https://youtu.be/dQw4w9WgXcQ`, ok?').url).toBe('https://youtu.be/dQw4w9WgXcQ');
  });

  it('normalises so the same track written two ways is one link', () => {
    const links = extractLinks(
      'https://youtu.be/dQw4w9WgXcQ and https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3 and youtube.com/shorts/dQw4w9WgXcQ',
    );
    expect(links).toHaveLength(1);
    expect(links[0]?.normalizedUrl).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  });

  it('finds several links in order and ignores unknown hosts and non-track pages', () => {
    const text =
      'one https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC two https://example.com/watch?v=dQw4w9WgXcQ three https://www.deezer.com/track/3135556 https://www.youtube.com/feed/trending https://youtube.com/watch?v=short';
    expect(extractLinks(text).map((l) => l.platform)).toEqual(['spotify', 'deezer']);
  });

  it('rejects ids of the wrong shape and look-alike hosts', () => {
    for (const text of [
      'https://youtu.be/tooShort',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQQ',
      'https://open.spotify.com/track/abc',
      'https://open.spotify.com.evil.example/track/4uLU6hMCjMI75M1A2tKUQC',
      'https://evilyoutube.com/watch?v=dQw4w9WgXcQ',
      'ftp://youtu.be/dQw4w9WgXcQ',
      'javascript:alert(1)//youtu.be/dQw4w9WgXcQ',
      'https://soundcloud.com/discover',
      'https://www.bandcamp.com/track/x',
    ]) {
      expect(extractLinks(text), text).toEqual([]);
    }
  });

  it('answers no links for empty, plain, 10,000-character and control-character text', () => {
    expect(extractLinks('')).toEqual([]);
    expect(extractLinks('just some words about music')).toEqual([]);
    expect(extractLinks('a'.repeat(10_000))).toEqual([]);
    expect(extractLinks('\u0000\u0007\u001b[31m\u202e')).toEqual([]);
    expect(extractLinks('x\u0000https://youtu.be/dQw4w9WgXcQ\u0007y')).toHaveLength(1);
  });

  it('caps the links per message', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `https://youtu.be/${String(i).padStart(11, 'a')}`);
    expect(extractLinks(ids.join(' '))).toHaveLength(MAX_LINKS_PER_MESSAGE);
  });

  it('scans a 100 KB adversarial message quickly (linear time; the tight figure is in bench/core.bench.ts)', () => {
    const inputs = [
      'https://'.repeat(12_800),
      'youtu.be/'.repeat(11_400),
      `https://youtube.com/watch?${'v=&'.repeat(34_000)}`,
      'h'.repeat(100_000),
      `${'a:'.repeat(50_000)}`,
      `https://x.com/${'('.repeat(50_000)}${')'.repeat(50_000)}`,
      'https://youtu.be/dQw4w9WgXcQ '.repeat(3_500),
      `spotify:${':'.repeat(100_000)}`,
    ];
    for (const text of inputs) {
      const started = performance.now();
      extractLinks(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(1000);
    }
  });
});
