import { describe, expect, it } from 'vitest';
import { timeOrderedIds } from '../../server/src/services/import-write.js';

describe('span ids of an import (timeOrderedIds)', () => {
  it('are UUID-shaped (version 7), unique, and sort in the order they are made', () => {
    const next = timeOrderedIds();
    const ids = Array.from({ length: 50_000 }, next);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('differ between runs started in the same millisecond (random bits per run)', () => {
    const a = timeOrderedIds();
    const b = timeOrderedIds();
    const x = Array.from({ length: 1000 }, a);
    const y = new Set(Array.from({ length: 1000 }, b));
    expect(x.some((id) => y.has(id))).toBe(false);
  });
});
