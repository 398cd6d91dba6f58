/** Strict JSON for signed data: a key twice in one object is refused at any depth, keys compared decoded. */
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, findDuplicateKey, parseStrictJson } from '../../shared/strict-json.ts';

const refused = (text: string): string => {
  try {
    parseStrictJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DuplicateKeyError);
    return (error as DuplicateKeyError).path;
  }
  throw new Error(`accepted: ${text}`);
};

describe('strict JSON', () => {
  it('parses JSON without duplicate keys as JSON.parse does', () => {
    const text = JSON.stringify({ a: 1, b: [{ a: 1, b: 2 }, { a: 1 }], c: { a: { a: 'a' } }, s: '"a":1,"a":2', e: '\\"', n: null, t: [true, false, -1.5e3] });
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    expect(findDuplicateKey(text)).toBeNull();
    // The same key in sibling objects, and a string that looks like keys, are not duplicates.
    expect(parseStrictJson('{"x":{"k":1},"y":{"k":2},"z":["k","k"],"w":"{\\"k\\":1,\\"k\\":2}"}')).toMatchObject({ y: { k: 2 } });
  });

  it('refuses a key twice at the top, nested in objects and inside arrays, naming where', () => {
    expect(refused('{"monthlyScore":91.5,"dailyScore":90,"monthlyScore":100}')).toBe('monthlyScore');
    expect(refused('{"output":{"monthlyScore":91.5,"attendance":{"score":10},"monthlyScore":100}}')).toBe('output.monthlyScore');
    expect(refused('{"input":{"items":[{"id":"a"},{"id":"b"},{"id":"c","note":"x","id":"d"}]}}')).toBe('input.items[2].id');
    expect(refused('[[1,2],{"a":[{"b":1,"b":1}]}]')).toBe('[1].a[0].b');
    expect(refused(' { "a" : 1 , "a" : 1 } ')).toBe('a');
  });

  it('compares keys as decoded strings: "a" and "\\u0061", escaped quotes and non-ASCII keys', () => {
    expect(refused('{"a":1,"\\u0061":2}')).toBe('a');
    expect(refused('{"score":{"\\u006donthly":1,"monthly":2}}')).toBe('score.monthly');
    expect(refused('{"q\\"":1,"q\\u0022":2}')).toBe('q"');
    expect(refused('{"分数":1,"\\u5206\\u6570":2}')).toBe('分数');
    expect(refused('{"😀":1,"\\ud83d\\ude00":2}')).toBe('😀');
    // Different keys that only look alike stay different.
    expect(parseStrictJson('{"a":1,"A":2,"a ":3,"\\u0061b":4}')).toEqual({ a: 1, A: 2, 'a ': 3, ab: 4 });
  });

  it('survives hostile nesting without overflowing the stack, and leaves syntax errors to JSON.parse', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    let parsed = true;
    try {
      JSON.parse(deep);
    } catch {
      parsed = false;
    }
    if (parsed) expect(findDuplicateKey(deep)).toBeNull();
    expect(findDuplicateKey(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`)).toBeNull();
    expect(() => parseStrictJson('{"a":1,}')).toThrow(SyntaxError);
  });
});
