/** Hostile files for trained-index build: empty, binary, broken or huge CSV, JSON Lines and parquet, written by the test, then built. */
import { readFileSync } from 'node:fs';
import { long } from './hostile-corpus-text.js';

/** Files given to `trained-index build --source <dataset>=<file>`: written by the test, then built. */
export const BUILDER_FILES: { name: string; dataset: string; file: string; content: () => Buffer }[] = [
  { name: 'an empty CSV', dataset: 'spotify-tracks', file: 'dataset.csv', content: () => Buffer.alloc(0) },
  {
    name: 'a CSV with a header only',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(',track_id,artists,album_name,track_name\n'),
  },
  {
    name: 'binary garbage as CSV',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256)),
  },
  {
    name: 'NUL bytes inside CSV fields',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(',track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,A\u0000B,C,D\u0000E\n'),
  },
  {
    name: 'a 2 MB title',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(`,track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,A,B,${long('t', 2_000_000)}\n`),
  },
  {
    name: 'an unclosed quote',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () =>
      Buffer.from(',track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,"A,B,C\n1,7tFiyTwD0nx5a1eklYtX2J,Queen,X,Y\n'),
  },
  {
    name: 'formula and mention titles',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () =>
      Buffer.from(
        `,track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,@everyone,"=cmd|' /C calc'!A0",<!channel> [x](https://evil)\n`,
      ),
  },
  {
    name: 'semicolons instead of commas',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(';track_id;artists;album_name;track_name\n0;4PTG3Z6ehGkBFwjybzWkR8;A;B;C\n'),
  },
  {
    name: 'a header of 20,000 columns',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(`${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n1,2\n`),
  },
  {
    name: 'JSON Lines that are not JSON',
    dataset: 'sleeping-disco-9m',
    file: 'a.jsonl',
    content: () => Buffer.from('{"a":\n}}}\nnot json\n\u0000\n'),
  },
  {
    name: 'JSON Lines nested 100,000 deep',
    dataset: 'sleeping-disco-9m',
    file: 'a.jsonl',
    content: () => Buffer.from(`${long('[', 100_000)}${long(']', 100_000)}\n`),
  },
  {
    name: 'JSON Lines with wrong types',
    dataset: 'sleeping-disco-9m',
    file: 'a.jsonl',
    content: () => Buffer.from('{"video_id": 5, "title": ["x"], "artist": {"a": 1}}\n{"video_id": null}\n[]\n"string"\n'),
  },
  {
    name: 'garbage named .parquet',
    dataset: 'laion-disco-12m',
    file: 'train.parquet',
    content: () => Buffer.from(long('PAR1garbage', 1_000)),
  },
  { name: 'a zero-byte parquet', dataset: 'laion-disco-12m', file: 'train.parquet', content: () => Buffer.alloc(0) },
  {
    name: 'a real LAION parquet cut in half',
    dataset: 'laion-disco-12m',
    file: 'train.parquet',
    content: () => {
      const whole = readFileSync(new URL('../fixtures/index-builder/laion/train-00000-of-00001.parquet', import.meta.url));
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
  },
  {
    name: 'a parquet magic and nothing else',
    dataset: 'laion-disco-12m',
    file: 'train.parquet',
    content: () => Buffer.from('PAR1\u0000\u0000\u0000\u0000PAR1'),
  },
];
