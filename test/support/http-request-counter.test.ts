import { describe, expect, it } from 'vitest';
import { HttpRequestCounter } from './http-request-counter.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('HttpRequestCounter', () => {
  it('should count keep-alive requests with Content-Length bodies, whatever the chunking of the bytes', () => {
    const body = 'GET /a HTTP/1.1\r\nhost: x\r\n\r\n'.repeat(2) + 'POST /b HTTP/1.1\r\ncontent-length: 30\r\n\r\n' + 'x'.repeat(30) + 'HEAD /c HTTP/1.1\r\n\r\n';
    const whole = new HttpRequestCounter();
    whole.feed(bytes(body));
    expect(whole.count).toBe(4);
    const byteByByte = new HttpRequestCounter();
    for (const byte of bytes(body)) byteByByte.feed(Uint8Array.of(byte));
    expect(byteByByte.count).toBe(4);
  });

  it('should not count a body that looks like a request line', () => {
    const counter = new HttpRequestCounter();
    const inner = 'GET /inner HTTP/1.1\r\n\r\n';
    counter.feed(bytes(`PUT /x HTTP/1.1\r\nContent-Length: ${inner.length}\r\n\r\n${inner}`));
    expect(counter.count).toBe(1);
  });

  it('should follow chunked bodies to their end', () => {
    const counter = new HttpRequestCounter();
    const inner = 'GET /inner HTTP/1.1\r\n\r\n';
    counter.feed(bytes(`POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\nGET /y HTTP/1.1\r\n\r\n`));
    expect(counter.count).toBe(2);
  });
});
