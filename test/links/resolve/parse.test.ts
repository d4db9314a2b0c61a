/** Pure parts of the link resolver: response readers, title cleanup, cache lifetimes, Retry-After. */
import { describe, expect, it } from 'vitest';
import { ResolutionCache } from '../../../src/links/resolve/cache.js';
import { retryAfterMs } from '../../../src/links/resolve/limits.js';
import {
  decodeEntities,
  metaTags,
  parseBandcampPage,
  parseDeezerTrack,
  parseItunesLookup,
  parseOembed,
  parseSpotifyPage,
  parseTidalPage,
} from '../../../src/links/resolve/parse.js';
import { appleCountry } from '../../../src/links/resolve/platforms.js';
import { httpsUrl } from '../../../src/links/resolve/short-links.js';
import { channelArtist, splitUploadTitle, stripByAuthor } from '../../../src/links/resolve/title-cleanup.js';

describe('upload titles (YouTube, SoundCloud)', () => {
  it.each([
    // [title, channel, expected title, expected artist]
    [
      'Rick Astley - Never Gonna Give You Up (Official Music Video)',
      'Rick Astley',
      'Never Gonna Give You Up (Official Music Video)',
      'Rick Astley',
    ],
    ['Queen – Bohemian Rhapsody (Official Video Remastered)', 'Queen Official', 'Bohemian Rhapsody (Official Video Remastered)', 'Queen'],
    ['Bohemian Rhapsody', 'Queen - Topic', 'Bohemian Rhapsody', 'Queen'],
    // A "- Topic" channel's title is the song's own, dashes and all.
    ['Song 2 - 2012 Remaster', 'Blur - Topic', 'Song 2 - 2012 Remaster', 'Blur'],
    ['Hello', 'AdeleVEVO', 'Hello', 'Adele'],
    // "Title - Artist", recognisable only because the channel is the artist.
    ['Hello - Adele', 'Adele', 'Hello', 'Adele'],
    // Uploader unrelated to either side: the "Artist - Title" convention.
    ['Daft Punk - One More Time', 'house classics 4ever', 'One More Time', 'Daft Punk'],
    ['Artist - Title - Live at Wembley', 'someone', 'Title - Live at Wembley', 'Artist'],
    ['No separator here', undefined, 'No separator here', undefined],
    ['-leading dash', 'X', '-leading dash', 'X'],
  ])('%s / %s', (title, channel, wantTitle, wantArtist) => {
    expect(splitUploadTitle(title, channel)).toEqual({ title: wantTitle, artist: wantArtist });
  });

  it('cleans channel names down to an artist, or nothing', () => {
    expect(channelArtist('RickAstleyVEVO')).toBe('RickAstley');
    expect(channelArtist('Official')).toBeUndefined();
    expect(channelArtist(undefined)).toBeUndefined();
  });

  it('drops a trailing "by Author" only when it names the author', () => {
    expect(stripByAuthor('Flickermood by Forss', 'Forss')).toBe('Flickermood');
    expect(stripByAuthor('Stand by Me', 'Ben E. King')).toBe('Stand by Me');
    expect(stripByAuthor('by Forss', 'Forss')).toBe('by Forss');
    expect(stripByAuthor('Title by X', undefined)).toBe('Title by X');
  });
});

describe('response readers', () => {
  it('iTunes: the track result, nothing for an empty lookup, undefined for other shapes', () => {
    const body = JSON.stringify({
      resultCount: 2,
      results: [
        { wrapperType: 'collection', collectionName: 'Album' },
        {
          wrapperType: 'track',
          kind: 'song',
          trackId: 5,
          trackName: ' Song ',
          artistName: 'A',
          collectionName: 'Album',
          isrc: 'us-rc1-76-07839',
        },
      ],
    });
    expect(parseItunesLookup(body, '5')).toEqual({
      found: true,
      metadata: { title: 'Song', artist: 'A', album: 'Album', isrc: 'USRC17607839' },
    });
    expect(parseItunesLookup('{"resultCount":0,"results":[]}', '5')).toEqual({ found: false });
    expect(parseItunesLookup('<html>', '5')).toBeUndefined();
    expect(parseItunesLookup('{"results":[{"wrapperType":"track"}]}', '5')).toBeUndefined();
  });

  it('Deezer: track, no data, quota, junk', () => {
    expect(parseDeezerTrack('{"id":1,"title":"T","artist":{"name":"A"},"album":{"title":"B"},"isrc":"bad"}')).toEqual({
      found: true,
      metadata: { title: 'T', artist: 'A', album: 'B', isrc: undefined },
    });
    expect(parseDeezerTrack('{"error":{"type":"DataException","message":"no data","code":800}}')).toEqual({ found: false });
    expect(parseDeezerTrack('{"error":{"type":"Exception","message":"Quota limit exceeded","code":4}}')).toEqual({ found: 'quota' });
    expect(parseDeezerTrack('[1,2]')).toBeUndefined();
  });

  it('oEmbed: title and optional author; a title is required', () => {
    expect(parseOembed('{"title":"T","author_name":"A"}')).toEqual({ title: 'T', authorName: 'A' });
    expect(parseOembed('{"title":"T"}')).toEqual({ title: 'T', authorName: undefined });
    expect(parseOembed('{"html":"<iframe>"}')).toBeUndefined();
  });

  it('Bandcamp: og:title split at the last ", by "', () => {
    const page = '<head><meta content="Hello, Goodbye, by The Band, by Night" property="og:title"></head>';
    expect(parseBandcampPage(page)).toEqual({ found: true, metadata: { title: 'Hello, Goodbye, by The Band', artist: 'Night' } });
    expect(parseBandcampPage('<html><head></head></html>')).toBeUndefined();
  });

  it('TIDAL page: "Title by Artist on TIDAL", from og:title or <title>; no " by ", no answer', () => {
    expect(parseTidalPage('<head><title>Stand by Me by Ben E. King on TIDAL</title></head>')).toEqual({
      found: true,
      metadata: { title: 'Stand by Me', artist: 'Ben E. King' },
    });
    expect(parseTidalPage('<head><meta property="og:title" content="A by B on TIDAL"><title>x</title></head>')).toEqual({
      found: true,
      metadata: { title: 'A', artist: 'B' },
    });
    expect(parseTidalPage('<head><title>TIDAL</title></head>')).toBeUndefined();
  });

  it('Spotify page: the credit after "song (and lyrics) by", kept whole', () => {
    expect(parseSpotifyPage('<head><title>Hasrat - song and lyrics by Mohammad Esfahani, Foad Hejazi | Spotify</title></head>')).toEqual({
      found: true,
      metadata: { title: 'Hasrat', artist: 'Mohammad Esfahani, Foad Hejazi' },
    });
    expect(
      parseSpotifyPage(
        '<head><title>A - B - song by Tyler, The Creator | Spotify</title><meta property="og:title" content="A - B"></head>',
      ),
    ).toEqual({
      found: true,
      metadata: { title: 'A - B', artist: 'Tyler, The Creator' },
    });
    expect(parseSpotifyPage('<head><title>Spotify – Web Player</title></head>')).toBeUndefined();
  });

  it('meta tags and entities', () => {
    expect(decodeEntities('A &amp; B &#39;C&#x27; &quot;D&quot; &bogus;')).toBe(`A & B 'C' "D" &bogus;`);
    const tags = metaTags(
      '<head><meta property="og:url" content="https://x.example/?a=1&amp;b=2"><meta name="n"></head><meta property="late" content="no">',
    );
    expect(tags.get('og:url')).toBe('https://x.example/?a=1&b=2');
    expect(tags.has('late')).toBe(false);
  });

  it('reads a 100 KB hostile page in linear time', () => {
    const hostile = `<head>${'<meta property="x" content="'.repeat(2000)}${'&'.repeat(50_000)}`;
    const started = performance.now();
    metaTags(hostile);
    parseBandcampPage(hostile);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('small helpers', () => {
  it('Apple storefront from the link', () => {
    expect(appleCountry('https://music.apple.com/gb/album/x/1?i=2')).toBe('gb');
    expect(appleCountry('https://music.apple.com/song/2')).toBe('us');
  });

  it('short links are fetched over HTTPS only', () => {
    expect(httpsUrl('spotify.link/abc')?.href).toBe('https://spotify.link/abc');
    expect(httpsUrl('http://on.soundcloud.com/x')?.href).toBe('https://on.soundcloud.com/x');
    expect(httpsUrl('ftp://spotify.link/abc')).toBeUndefined();
  });

  it('Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });

  it('cache lifetimes: found long, failed briefly, timeouts never', () => {
    let now = 0;
    const cache = new ResolutionCache(() => now, { foundMs: 1000, notFoundMs: 500, failedMs: 100 });
    cache.set('found', { ok: true, track: { title: 'T', source: 's' } });
    cache.set('failed', { ok: false, reason: 'failed' });
    cache.set('timeout', { ok: false, reason: 'timeout' });
    now = 150;
    expect(cache.get('found')).toBeDefined();
    expect(cache.get('failed')).toBeUndefined();
    expect(cache.get('timeout')).toBeUndefined();
    now = 1001;
    expect(cache.get('found')).toBeUndefined();
  });
});
