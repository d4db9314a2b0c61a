import { describe, expect, it } from 'vitest';
import { forgetRemembered, remembered } from '../../src/search/remembered.js';

describe('remembered', () => {
  it('computes a string once until full, and again after forgetRemembered (a bench times each lookup as a new query)', () => {
    let calls = 0;
    const length = remembered((s: string) => {
      calls++;
      return s.length;
    }, 3);
    expect([length('a'), length('bb'), length('a')]).toEqual([1, 2, 1]);
    expect(calls).toBe(2);
    forgetRemembered();
    expect(length('a')).toBe(1);
    expect(calls).toBe(3);
    // Full at 3 entries: all forgotten before the fourth.
    length('ccc');
    length('dddd');
    length('eeeee');
    length('bb');
    expect(calls).toBe(7);
  });
});
