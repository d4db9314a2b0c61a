/**
 * The evaluation's dataset rows (issue 12). Each dataset keys rows its own way and writes
 * titles and credits its own way, as the publishers do: LAION-DISCO-12M by YouTube id with
 * YouTube Music's titles and an artist list, Spotify Tracks by track id with `;`-joined
 * artists and "(feat. …)"/"- Remastered" titles, FMA by track id with one artist string,
 * Sleeping-DISCO-9M by Genius song id with Genius's "Name (별칭)" artist names, a featured
 * list and a list of YouTube links. generate.ts writes them in the published file layouts.
 */

export interface LaionEvalRow {
  song_id: string;
  title: string;
  artist_names: string[] | null;
  album_name: string;
}

export interface SpotifyEvalRow {
  track_id: string;
  artists: string;
  track_name: string;
  album_name: string;
  /** The published file repeats a track once per genre. */
  genres: string[];
}

export interface FmaEvalRow {
  track_id: number;
  title: string;
  artist: string;
  album: string;
  url: string;
}

/** datasets.md §2: Genius `song_id`, `primary_artist` string, `featured_artists` list, `youtube_links` list. */
export interface SleepingEvalRow {
  song_id: number;
  title: string;
  primary_artist: string;
  featured_artists: string[];
  album_name: string;
  youtube_links: string[];
  language: string;
}

// Thirty uploads titled "Love", by thirty artists: a title alone names no song, and a page of 25 is not all of them.
const LOVE_ROWS: LaionEvalRow[] = Array.from({ length: 30 }, (_, i) => ({
  song_id: `love${String(i).padStart(7, '0')}`,
  title: 'Love',
  artist_names: [`Lovesinger ${String.fromCharCode(65 + (i % 26))}${i}`],
  album_name: 'Love Songs',
}));

export const LAION: LaionEvalRow[] = [
  { song_id: 'dQw4w9WgXcQ', title: 'Never Gonna Give You Up', artist_names: ['Rick Astley'], album_name: 'Whenever You Need Somebody' },
  { song_id: 'gGdGFtwCNBE', title: 'Mr. Brightside', artist_names: ['The Killers'], album_name: 'Hot Fuss' },
  { song_id: '4zLfCnGVeL4', title: 'The Sound of Silence', artist_names: ['Simon & Garfunkel'], album_name: 'Sounds of Silence' },
  { song_id: 'OPf0YbXqDm0', title: 'Uptown Funk', artist_names: ['Mark Ronson', 'Bruno Mars'], album_name: 'Uptown Special' },
  { song_id: 'RgKAFK5djSk', title: 'See You Again', artist_names: ['Wiz Khalifa', 'Charlie Puth'], album_name: 'Furious 7' },
  { song_id: '9bZkp7q19f0', title: 'Gangnam Style (강남스타일)', artist_names: ['PSY'], album_name: 'PSY 6甲' },
  { song_id: 'gsLive00001', title: 'Gangnam Style (강남스타일) (Live)', artist_names: ['PSY'], album_name: 'Live' },
  { song_id: 'd9IxdwEFk1c', title: 'Blueming', artist_names: ['IU (아이유)'], album_name: 'Love poem' },
  { song_id: 'hLvWy2b857I', title: 'P.Y.T. (Pretty Young Thing)', artist_names: ['Michael Jackson'], album_name: 'Thriller' },
  { song_id: 'NrgmdOz227I', title: 'Yesterday', artist_names: ['The Beatles'], album_name: 'Help!' },
  { song_id: 'rayYstrday1', title: 'Yesterday', artist_names: ['Ray Charles'], album_name: 'Ray Charles Invites Celebrity Friends' },
  { song_id: 'liveAid0001', title: 'Bohemian Rhapsody (Live Aid)', artist_names: ['Queen'], album_name: 'Live Aid' },
  { song_id: 'YQHsXMglC9A', title: 'Hello', artist_names: ['Adele'], album_name: '25' },
  { song_id: 'mHONNcZbwDY', title: 'Hello', artist_names: ['Lionel Richie'], album_name: "Can't Slow Down" },
  { song_id: 'DkeiKbqa02g', title: 'One Kiss', artist_names: ['Calvin Harris', 'Dua Lipa'], album_name: 'One Kiss' },
  { song_id: 'Pkh8UtuejGw', title: 'Señorita', artist_names: ['Shawn Mendes', 'Camila Cabello'], album_name: 'Señorita' },
  { song_id: 'iWOyfLBYtuU', title: 'Dog Days Are Over', artist_names: ['Florence + The Machine'], album_name: 'Lungs' },
  { song_id: 'kTJczUoc26U', title: 'Stay (feat. Justin Bieber)', artist_names: ['The Kid LAROI'], album_name: 'F*CK LOVE 3' },
  { song_id: 'xEeFrLSkMm8', title: '봄날', artist_names: ['BTS'], album_name: 'You Never Walk Alone' },
  { song_id: 'noArtist001', title: 'Untitled Upload', artist_names: null, album_name: '' },
  // Another song called "Home", by an artist featured on the Spotify row below: not the linked track.
  { song_id: 'bebeHome001', title: 'Home', artist_names: ['Bebe Rexha'], album_name: 'Demo Tapes' },
  ...LOVE_ROWS,
];

export const SPOTIFY: SpotifyEvalRow[] = [
  {
    track_id: '4PTG3Z6ehGkBFwjybzWkR8',
    artists: 'Rick Astley',
    track_name: 'Never Gonna Give You Up',
    album_name: 'Whenever You Need Somebody',
    genres: ['pop', 'dance'],
  },
  {
    track_id: '003vvx7Niy0yvhvHt4a68B',
    artists: 'The Killers',
    track_name: 'Mr. Brightside',
    album_name: 'Hot Fuss',
    genres: ['alt-rock'],
  },
  {
    track_id: '5y788ya4NvwhBznoDIcXwK',
    artists: 'Simon & Garfunkel',
    track_name: 'The Sound of Silence',
    album_name: 'Sounds of Silence',
    genres: ['folk'],
  },
  {
    track_id: '32OlwWuMpZ6b0aN2RZOeMS',
    artists: 'Mark Ronson;Bruno Mars',
    track_name: 'Uptown Funk (feat. Bruno Mars)',
    album_name: 'Uptown Special',
    genres: ['dance', 'funk'],
  },
  {
    track_id: '2JzZzZUQj3Qff7wapcbKjc',
    artists: 'Wiz Khalifa;Charlie Puth',
    track_name: 'See You Again (feat. Charlie Puth)',
    album_name: 'Furious 7',
    genres: ['hip-hop'],
  },
  { track_id: '03UrZgTINDqvnUMbbIMhql', artists: 'PSY', track_name: '강남스타일', album_name: 'PSY 6甲', genres: ['k-pop'] },
  { track_id: '4bPQs0PHn4xbipzdPfn6du', artists: 'IU', track_name: 'Blueming', album_name: 'Love poem', genres: ['k-pop'] },
  {
    track_id: '7D4c5D1mqKlGNb1n6vTW6f',
    artists: 'Michael Jackson',
    track_name: 'P.Y.T. (Pretty Young Thing)',
    album_name: 'Thriller',
    genres: ['pop'],
  },
  {
    track_id: '3BQHpFgAp4l80e1XslIjNI',
    artists: 'The Beatles',
    track_name: 'Yesterday - Remastered 2009',
    album_name: 'Help!',
    genres: ['rock'],
  },
  {
    track_id: '7tFiyTwD0nx5a1eklYtX2J',
    artists: 'Queen',
    track_name: 'Bohemian Rhapsody - Remastered 2011',
    album_name: 'A Night At The Opera',
    genres: ['rock'],
  },
  { track_id: '4sPmO7WMQUAf45kwMOtONw', artists: 'Adele', track_name: 'Hello', album_name: '25', genres: ['pop', 'soul'] },
  {
    track_id: '7ef4DlsgrMEH11cDZd32M6',
    artists: 'Calvin Harris;Dua Lipa',
    track_name: 'One Kiss (with Dua Lipa)',
    album_name: 'One Kiss',
    genres: ['dance'],
  },
  {
    track_id: '0TK2YIli7K1leLovkQiNik',
    artists: 'Shawn Mendes;Camila Cabello',
    track_name: 'Señorita',
    album_name: 'Señorita',
    genres: ['pop'],
  },
  { track_id: '1D4PL9B8gOg78jiHg3FvBb', artists: 'Taylor Swift', track_name: 'Love Story', album_name: 'Fearless', genres: ['country'] },
  {
    track_id: '1YLJVmuzeM2YSUkCCaTNUB',
    artists: 'Florence + The Machine',
    track_name: 'Dog Days Are Over',
    album_name: 'Lungs',
    genres: ['indie'],
  },
  {
    track_id: '5HCyWlXZPP0y6Gqq8TgA20',
    artists: 'The Kid LAROI;Justin Bieber',
    track_name: 'STAY (with Justin Bieber)',
    album_name: 'F*CK LOVE 3',
    genres: ['pop'],
  },
  {
    track_id: '4Z6tIrpJh2pTcvdKhrXKsA',
    artists: 'BTS',
    track_name: '봄날 (Spring Day)',
    album_name: 'You Never Walk Alone',
    genres: ['k-pop'],
  },
  { track_id: '2hnxrRNzF74mdDzpQZQukQ', artists: 'Kurt Vile', track_name: 'Freeway', album_name: 'Constant Hitmaker', genres: ['indie'] },
  {
    track_id: '7o2Ioew0hqEuSdkG2R4hmE',
    artists: 'Machine Gun Kelly;X Ambassadors;Bebe Rexha',
    track_name: 'Home (with Machine Gun Kelly, X Ambassadors & Bebe Rexha)',
    album_name: 'Bright: The Album',
    genres: ['hip-hop'],
  },
];

export const FMA: FmaEvalRow[] = [
  {
    track_id: 2,
    title: 'Food',
    artist: 'AWOL',
    album: 'AWOL - A Way Of Life',
    url: 'http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food',
  },
  {
    track_id: 10,
    title: 'Freeway',
    artist: 'Kurt Vile',
    album: 'Constant Hitmaker',
    url: 'http://freemusicarchive.org/music/Kurt_Vile/Constant_Hitmaker/Freeway',
  },
  { track_id: 1201, title: 'Yesterday', artist: 'Ketsa', album: 'Dusk', url: 'http://freemusicarchive.org/music/Ketsa/Dusk/Yesterday' },
  // Another artist named with one of the duo's names: "Simon" never claims Simon & Garfunkel's song, nor the reverse.
  {
    track_id: 1202,
    title: 'The Sound of Silence',
    artist: 'Simon',
    album: 'Covers',
    url: 'http://freemusicarchive.org/music/Simon/Covers/The_Sound_of_Silence',
  },
  { track_id: 1203, title: 'Hello', artist: 'Lionel', album: 'Greetings', url: 'http://freemusicarchive.org/music/Lionel/Greetings/Hello' },
  {
    track_id: 1204,
    title: 'Love',
    artist: 'Chris Zabriskie',
    album: 'Undercover Vampire Policeman',
    url: 'http://freemusicarchive.org/music/Chris_Zabriskie/Undercover_Vampire_Policeman/Love',
  },
  {
    track_id: 1205,
    title: 'Mr. Brightside',
    artist: 'The Killers Tribute',
    album: 'Hot Fuss Covered',
    url: 'http://freemusicarchive.org/music/The_Killers_Tribute/Hot_Fuss_Covered/Mr_Brightside',
  },
];

/** Written in the published layout; read into the index only once the builder reads that layout (issue 11). */
export const SLEEPING: SleepingEvalRow[] = [
  {
    song_id: 84851,
    title: 'Never Gonna Give You Up',
    primary_artist: 'Rick Astley',
    featured_artists: [],
    album_name: 'Whenever You Need Somebody',
    youtube_links: ['https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    language: 'en',
  },
  {
    song_id: 5859155,
    title: 'Dynamite',
    primary_artist: 'BTS (방탄소년단)',
    featured_artists: [],
    album_name: 'BE',
    youtube_links: ['https://www.youtube.com/watch?v=gdZLi9oWNZg', 'https://youtu.be/gdZLi9oWNZg'],
    language: 'en',
  },
  {
    song_id: 2340373,
    title: 'Uptown Funk',
    primary_artist: 'Mark Ronson',
    featured_artists: ['Bruno Mars'],
    album_name: 'Uptown Special',
    youtube_links: [],
    language: 'en',
  },
  {
    song_id: 55882,
    title: 'Mr. Brightside',
    primary_artist: 'The Killers',
    featured_artists: [],
    album_name: 'Hot Fuss',
    youtube_links: ['https://www.youtube.com/watch?v=gGdGFtwCNBE'],
    language: 'en',
  },
  {
    song_id: 3131474,
    title: 'Blueming',
    primary_artist: 'IU (아이유)',
    featured_artists: [],
    album_name: 'Love poem',
    youtube_links: ['https://www.youtube.com/watch?v=d9IxdwEFk1c'],
    language: 'ko',
  },
];
