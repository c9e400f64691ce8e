import { describe, expect, it } from 'vitest';
import { receivedBytes } from './received-bytes.js';

describe('receivedBytes', () => {
  it('should count what the answered offset moved past the sent one', () => {
    expect(receivedBytes({ sentOffset: '65536', status: 204, answeredOffset: '100000', size: 100_000 })).toBe(34_464);
  });

  it('should count a final chunk refused for its hash up to the upload length', () => {
    expect(receivedBytes({ sentOffset: '65536', status: 460, answeredOffset: undefined, size: 100_000 })).toBe(34_464);
  });

  it('should count nothing for a refused or malformed chunk', () => {
    expect(receivedBytes({ sentOffset: '0', status: 409, answeredOffset: undefined, size: 10 })).toBe(0);
    expect(receivedBytes({ sentOffset: '', status: 204, answeredOffset: '10', size: 10 })).toBe(0);
    expect(receivedBytes({ sentOffset: 'x', status: 204, answeredOffset: '10', size: 10 })).toBe(0);
  });
});
