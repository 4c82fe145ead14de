import { describe, expect, it } from 'vitest';
import { redactSecrets } from './record-audit';
import { GENESIS_HASH, canonicalJson, hashAuditRow, toJsonValue } from './hash';

const content = {
  occurredAt: '2025-07-02T01:00:00.000Z',
  actorUserId: null,
  actorLabel: 'system',
  action: 'user.create',
  entityType: 'user',
  entityId: 'u1',
  before: null,
  after: { b: 1, a: { d: [1, 2], c: 'Đà Nẵng' } },
  requestId: 'r1',
};

describe('audit hashing', () => {
  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    const reordered = { ...content, after: { a: { c: 'Đà Nẵng', d: [1, 2] }, b: 1 } };
    expect(hashAuditRow(GENESIS_HASH, reordered)).toBe(hashAuditRow(GENESIS_HASH, content));
  });
  it('changes when content or the previous hash changes', () => {
    const h = hashAuditRow(GENESIS_HASH, content);
    expect(hashAuditRow(GENESIS_HASH, { ...content, action: 'user.delete' })).not.toBe(h);
    expect(hashAuditRow('1'.repeat(64), content)).not.toBe(h);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
  });
  it('reads values the way jsonb returns them', () => {
    expect(toJsonValue({ at: new Date('2025-01-01T00:00:00Z'), x: undefined })).toEqual({ at: '2025-01-01T00:00:00.000Z' });
    expect(toJsonValue(undefined)).toBeNull();
  });
  it('never copies secrets into the trail', () => {
    const r = redactSecrets({ email: 'a@b.vn', passwordHash: '$argon2id$x', nested: { totpSecret: 'ABC', tokenHash: null } }) as any;
    expect(r.passwordHash).toBe('[redacted]');
    expect(r.nested.totpSecret).toBe('[redacted]');
    expect(r.nested.tokenHash).toBeNull();
    expect(r.email).toBe('a@b.vn');
  });
});
