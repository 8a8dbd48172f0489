import { describe, expect, it } from 'vitest';
import { treeOrder } from './place-tree';

describe('treeOrder', () => {
  it('puts each place right after its parent, children by code', () => {
    const p = (code: string, level: number, parent: string | null) => ({ code, name: code, level, parent });
    const ordered = treeOrder([p('PE', 1, null), p('PE-22', 2, 'PE'), p('PE-10', 2, 'PE'), p('PE-1001', 3, 'PE-10'), p('ORPHAN', 3, 'GONE')]);
    expect(ordered.map((x) => x.code)).toEqual(['ORPHAN', 'PE', 'PE-10', 'PE-1001', 'PE-22']);
  });
});
