/**
 * Labelled queries for the evaluation (issue 12), typed as musicians and reporters type
 * them, one group per kind of failure the issue lists. Each names the rows a right answer
 * must return and, by leaving them out, the rows it must not claim: every `id`/`exact`
 * claim outside `hits` and `may` counts as wrong. Labels are about songs, not about how
 * the code matches: "Hello" by Lionel (FMA) is not Lionel Richie's "Hello".
 */

export type Kind = 'link' | 'order' | 'credits' | 'alt-title' | 'title-only' | 'outcomes';
export type Status = 'found' | 'candidates' | 'not-found' | 'unchecked';

export interface EvalCase {
  kind: Kind;
  query: string;
  status: Status;
  /** Rows a right answer returns as hits (`id` or `exact`). */
  hits?: string[];
  /** Rows a right answer returns as rows with the same title, claiming no song (a title alone). */
  titleRows?: string[];
  /** Rows that are the same song under a form no key links ("Gangnam Style" and "강남스타일"): claiming them is right, missing them too. */
  may?: string[];
  /** Datasets that hold the song although no row can be claimed (a misspelt query): "not found" there is wrong. */
  present?: string[];
  /** Datasets this query cannot search (no row there carries the link's id, and no title to search by): "not found" there is unfounded. */
  unsearchable?: string[];
  /** Only asked when this dataset is in the evaluation index. */
  needs?: string;
}

const L = (k: string) => `laion-disco-12m:${k}`;
const S = (k: string) => `spotify-tracks:${k}`;
const F = (k: number) => `fma:${k}`;
const Z = (k: number) => `sleeping-disco-9m:${k}`;

const RICK = [L('dQw4w9WgXcQ'), S('4PTG3Z6ehGkBFwjybzWkR8'), Z(84851)];
const BRIGHTSIDE = [L('gGdGFtwCNBE'), S('003vvx7Niy0yvhvHt4a68B'), Z(55882)];
const SILENCE = [L('4zLfCnGVeL4'), S('5y788ya4NvwhBznoDIcXwK')];
const UPTOWN = [L('OPf0YbXqDm0'), S('32OlwWuMpZ6b0aN2RZOeMS'), Z(2340373)];
const GANGNAM = [L('9bZkp7q19f0'), S('03UrZgTINDqvnUMbbIMhql')];
const PYT = [L('hLvWy2b857I'), S('7D4c5D1mqKlGNb1n6vTW6f')];
const BLUEMING = [L('d9IxdwEFk1c'), S('4bPQs0PHn4xbipzdPfn6du'), Z(3131474)];
const STAY = [L('kTJczUoc26U'), S('5HCyWlXZPP0y6Gqq8TgA20')];
const SPRING_DAY = [L('xEeFrLSkMm8'), S('4Z6tIrpJh2pTcvdKhrXKsA')];
const ADELE_HELLO = [L('YQHsXMglC9A'), S('4sPmO7WMQUAf45kwMOtONw')];
const BEATLES_YESTERDAY = [L('NrgmdOz227I'), S('3BQHpFgAp4l80e1XslIjNI')];
const LOVE = [...Array.from({ length: 30 }, (_, i) => L(`love${String(i).padStart(7, '0')}`)), F(1204)];

/** Metadata the stand-in resolver gives for links that carry no dataset id (the resolver's contract, answered from a table). */
export const RESOLVED: Record<
  string,
  { ok: true; track: { title: string; artist?: string; source: string } } | { ok: false; reason: 'timeout' | 'failed' | 'not-found' }
> = {
  'https://music.apple.com/us/album/bohemian-rhapsody/1440650428?i=1440650711': {
    ok: true,
    track: { title: 'Bohemian Rhapsody', artist: 'Queen', source: 'iTunes lookup' },
  },
  'https://www.deezer.com/track/92720046': {
    ok: true,
    track: { title: 'Uptown Funk (feat. Bruno Mars)', artist: 'Mark Ronson', source: 'Deezer API' },
  },
  'https://www.deezer.com/track/3135556': { ok: false, reason: 'timeout' },
  'https://soundcloud.com/rick-astley-official/never-gonna-give-you-up-4': { ok: false, reason: 'failed' },
  'https://www.youtube.com/watch?v=AAAAAAAAAAA': { ok: false, reason: 'not-found' },
};

export const CASES: EvalCase[] = [
  // A link answers for every dataset holding the same song, not only the one keyed by its id.
  { kind: 'link', query: 'https://youtu.be/dQw4w9WgXcQ', status: 'found', hits: RICK },
  // A Genius page (Sleeping-DISCO-9M's song_url) found by id there, and the same song by title and artist elsewhere.
  { kind: 'link', query: 'https://genius.com/Rick-astley-never-gonna-give-you-up-lyrics', status: 'found', hits: RICK },
  // A YouTube id only Sleeping-DISCO-9M's youtube_links list holds (its second link, in another form).
  { kind: 'link', query: 'https://www.youtube.com/watch?v=gdZLi9oWNZg&t=3s', status: 'found', hits: [Z(5859155)] },
  { kind: 'link', query: 'https://open.spotify.com/track/003vvx7Niy0yvhvHt4a68B', status: 'found', hits: BRIGHTSIDE },
  { kind: 'link', query: 'https://open.spotify.com/track/32OlwWuMpZ6b0aN2RZOeMS?si=abc', status: 'found', hits: UPTOWN },
  { kind: 'link', query: 'https://www.youtube.com/watch?v=9bZkp7q19f0', status: 'found', hits: GANGNAM },
  { kind: 'link', query: 'https://open.spotify.com/track/03UrZgTINDqvnUMbbIMhql', status: 'found', hits: GANGNAM },
  // The live recording is another version: the studio remaster in Spotify is not it.
  { kind: 'link', query: 'https://www.youtube.com/watch?v=liveAid0001', status: 'found', hits: [L('liveAid0001')] },
  { kind: 'link', query: 'https://music.youtube.com/watch?v=YQHsXMglC9A', status: 'found', hits: ADELE_HELLO },
  { kind: 'link', query: 'https://open.spotify.com/track/3BQHpFgAp4l80e1XslIjNI', status: 'found', hits: BEATLES_YESTERDAY },
  {
    kind: 'link',
    query: 'https://freemusicarchive.org/music/Kurt_Vile/Constant_Hitmaker/Freeway',
    status: 'found',
    hits: [F(10), S('2hnxrRNzF74mdDzpQZQukQ')],
  },
  // No artist on the row: nothing to search the other datasets with, so they are not "not found".
  {
    kind: 'link',
    query: 'https://www.youtube.com/watch?v=noArtist001',
    status: 'found',
    hits: [L('noArtist001')],
    unsearchable: ['spotify-tracks', 'fma'],
  },
  { kind: 'link', query: 'https://www.youtube.com/watch?v=d9IxdwEFk1c', status: 'found', hits: BLUEMING },
  { kind: 'link', query: 'https://open.spotify.com/track/4bPQs0PHn4xbipzdPfn6du', status: 'found', hits: BLUEMING },
  { kind: 'link', query: 'https://youtu.be/kTJczUoc26U', status: 'found', hits: STAY },
  // A featured artist's own song of the same title is another song.
  { kind: 'link', query: 'https://open.spotify.com/track/7o2Ioew0hqEuSdkG2R4hmE', status: 'found', hits: [S('7o2Ioew0hqEuSdkG2R4hmE')] },
  { kind: 'link', query: 'https://open.spotify.com/track/4Z6tIrpJh2pTcvdKhrXKsA', status: 'found', hits: SPRING_DAY },
  {
    kind: 'link',
    query: 'https://music.apple.com/us/album/bohemian-rhapsody/1440650428?i=1440650711',
    status: 'found',
    hits: [S('7tFiyTwD0nx5a1eklYtX2J')],
  },
  { kind: 'link', query: 'https://www.deezer.com/track/92720046', status: 'found', hits: UPTOWN },

  // Artist first, or title first: the exact artist decides.
  { kind: 'order', query: 'Rick Astley - Never Gonna Give You Up', status: 'found', hits: RICK },
  { kind: 'order', query: 'Never Gonna Give You Up - Rick Astley', status: 'found', hits: RICK },
  { kind: 'order', query: 'The Killers - Mr. Brightside', status: 'found', hits: BRIGHTSIDE },
  { kind: 'order', query: 'Adele - Hello', status: 'found', hits: ADELE_HELLO },
  { kind: 'order', query: 'Lionel Richie - Hello', status: 'found', hits: [L('mHONNcZbwDY')] },
  { kind: 'order', query: 'Queen - Bohemian Rhapsody', status: 'found', hits: [S('7tFiyTwD0nx5a1eklYtX2J')] },
  { kind: 'order', query: 'Taylor Swift - Love Story', status: 'found', hits: [S('1D4PL9B8gOg78jiHg3FvBb')] },
  { kind: 'order', query: 'Michael Jackson - P.Y.T.', status: 'found', hits: PYT },
  { kind: 'order', query: 'The Beatles - Yesterday', status: 'found', hits: BEATLES_YESTERDAY },
  { kind: 'order', query: 'Kurt Vile – Freeway', status: 'found', hits: [F(10), S('2hnxrRNzF74mdDzpQZQukQ')] },

  // Credits written another way.
  { kind: 'credits', query: 'Mr. Brightside - Killers', status: 'found', hits: BRIGHTSIDE },
  { kind: 'credits', query: 'The Sound of Silence - Simon and Garfunkel', status: 'found', hits: SILENCE },
  { kind: 'credits', query: 'The Sound of Silence - Simon', status: 'found', hits: [F(1202)] },
  { kind: 'credits', query: 'Uptown Funk - Mark Ronson feat. Bruno Mars', status: 'found', hits: UPTOWN },
  { kind: 'credits', query: 'Uptown Funk - Mark Ronson & Bruno Mars', status: 'found', hits: UPTOWN },
  { kind: 'credits', query: 'Uptown Funk - Bruno Mars', status: 'found', hits: UPTOWN },
  {
    kind: 'credits',
    query: 'See You Again - Wiz Khalifa ft. Charlie Puth',
    status: 'found',
    hits: [L('RgKAFK5djSk'), S('2JzZzZUQj3Qff7wapcbKjc')],
  },
  { kind: 'credits', query: 'One Kiss - Calvin Harris x Dua Lipa', status: 'found', hits: [L('DkeiKbqa02g'), S('7ef4DlsgrMEH11cDZd32M6')] },
  { kind: 'credits', query: 'One Kiss - Calvin Harris & Dua Lipa', status: 'found', hits: [L('DkeiKbqa02g'), S('7ef4DlsgrMEH11cDZd32M6')] },
  {
    kind: 'credits',
    query: 'Señorita - Shawn Mendes, Camila Cabello',
    status: 'found',
    hits: [L('Pkh8UtuejGw'), S('0TK2YIli7K1leLovkQiNik')],
  },
  {
    kind: 'credits',
    query: 'Dog Days Are Over - Florence and the Machine',
    status: 'found',
    hits: [L('iWOyfLBYtuU'), S('1YLJVmuzeM2YSUkCCaTNUB')],
  },
  { kind: 'credits', query: 'Blueming - IU', status: 'found', hits: BLUEMING },
  {
    kind: 'credits',
    query: 'Blueming - 아이유',
    status: 'found',
    hits: [L('d9IxdwEFk1c'), Z(3131474)],
    may: [S('4bPQs0PHn4xbipzdPfn6du')],
  },
  { kind: 'credits', query: 'Stay - Justin Bieber', status: 'found', hits: STAY },
  { kind: 'credits', query: 'Stay - The Kid LAROI', status: 'found', hits: STAY },
  { kind: 'credits', query: 'Hello - Lionel Richie', status: 'found', hits: [L('mHONNcZbwDY')] },
  // Both rows are "Home" credited to Bebe Rexha: the query names no one of them more than the other.
  { kind: 'credits', query: 'Home - Bebe Rexha', status: 'found', hits: [L('bebeHome001'), S('7o2Ioew0hqEuSdkG2R4hmE')] },
  { kind: 'credits', query: 'Hello - Lionel', status: 'found', hits: [F(1203)] },
  { kind: 'credits', query: 'The Sound of Silence - Simon & Garfunkel', status: 'found', hits: SILENCE },
  { kind: 'credits', query: 'Mr. Brightside - The Killers Tribute', status: 'found', hits: [F(1205)] },
  // Two artists neither of whom sang this "Hello" with the other: each one's own "Hello" is only a candidate.
  { kind: 'credits', query: 'Hello - Adele & Lionel Richie', status: 'candidates' },
  { kind: 'credits', query: 'Dynamite - 방탄소년단', status: 'found', hits: [Z(5859155)], needs: 'sleeping-disco-9m' },

  // A title with a second form in brackets; versions stay versions.
  { kind: 'alt-title', query: '강남스타일 - PSY', status: 'found', hits: GANGNAM },
  { kind: 'alt-title', query: 'Gangnam Style (강남스타일) - PSY', status: 'found', hits: GANGNAM },
  { kind: 'alt-title', query: 'Gangnam Style - PSY', status: 'found', hits: [L('9bZkp7q19f0')], may: [S('03UrZgTINDqvnUMbbIMhql')] },
  { kind: 'alt-title', query: 'Gangnam Style (Live) - PSY', status: 'found', hits: [L('gsLive00001')] },
  { kind: 'alt-title', query: 'Pretty Young Thing - Michael Jackson', status: 'found', hits: PYT },
  { kind: 'alt-title', query: 'P.Y.T. - Michael Jackson', status: 'found', hits: PYT },
  { kind: 'alt-title', query: 'PYT - Michael Jackson', status: 'found', hits: PYT },
  { kind: 'alt-title', query: '봄날 - BTS', status: 'found', hits: SPRING_DAY },
  { kind: 'alt-title', query: 'Spring Day - BTS', status: 'found', hits: [S('4Z6tIrpJh2pTcvdKhrXKsA')], may: [L('xEeFrLSkMm8')] },
  { kind: 'alt-title', query: 'Never Gonna Give You Up (Live) - Rick Astley', status: 'candidates' },
  { kind: 'alt-title', query: 'Bohemian Rhapsody - Queen', status: 'found', hits: [S('7tFiyTwD0nx5a1eklYtX2J')] },

  // A title alone names no song: every row with the title, none of them claimed.
  { kind: 'title-only', query: 'Yesterday', status: 'candidates', titleRows: [...BEATLES_YESTERDAY, L('rayYstrday1'), F(1201)] },
  { kind: 'title-only', query: 'Hello', status: 'candidates', titleRows: [...ADELE_HELLO, L('mHONNcZbwDY'), F(1203)] },
  { kind: 'title-only', query: 'Love', status: 'candidates', titleRows: LOVE },
  { kind: 'title-only', query: 'Never Gonna Give You Up', status: 'candidates', titleRows: RICK },
  { kind: 'title-only', query: 'The Sound of Silence', status: 'candidates', titleRows: [...SILENCE, F(1202)] },
  { kind: 'title-only', query: 'Mr. Brightside', status: 'candidates', titleRows: [...BRIGHTSIDE, F(1205)] },

  // Honest outcomes: what could not be checked is never "not found".
  { kind: 'outcomes', query: 'https://www.deezer.com/track/3135556', status: 'unchecked' },
  { kind: 'outcomes', query: 'https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3', status: 'unchecked' },
  { kind: 'outcomes', query: 'https://soundcloud.com/rick-astley-official/never-gonna-give-you-up-4', status: 'unchecked' },
  { kind: 'outcomes', query: 'https://tidal.com/browse/track/77646168', status: 'unchecked' },
  {
    kind: 'outcomes',
    query: 'https://www.youtube.com/watch?v=AAAAAAAAAAA',
    status: 'not-found',
    unsearchable: ['spotify-tracks', 'fma'],
  },
  { kind: 'outcomes', query: 'zzqx nothing at all - nobody', status: 'not-found' },
  { kind: 'outcomes', query: 'Bohemian Rapsody - Queen', status: 'candidates', present: ['spotify-tracks'] },
  {
    kind: 'outcomes',
    query: 'Never Gona Give You Up - Rick Astley',
    status: 'candidates',
    present: ['laion-disco-12m', 'spotify-tracks', 'sleeping-disco-9m'],
  },
];
