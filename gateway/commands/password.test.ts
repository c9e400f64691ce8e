import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('should verify the password it hashed', async () => {
    const hash = await hashPassword('demo1234');
    expect(await verifyPassword('demo1234', hash)).toBe(true);
  });

  it('should reject a different password', async () => {
    const hash = await hashPassword('demo1234');
    expect(await verifyPassword('demo12345', hash)).toBe(false);
  });

  it('should salt every hash, so equal passwords hash differently', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('should never store the password itself', async () => {
    const hash = await hashPassword('密码demo1234');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(hash).not.toContain('demo1234');
  });

  it('should not match a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$a$b$c$d$')).toBe(false);
  });

  it('should generate distinct readable passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-zA-Z2-9]{12}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
