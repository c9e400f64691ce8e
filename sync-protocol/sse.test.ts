import { describe, expect, it } from 'vitest';
import { createStreamParser, encodeStreamEvent, type StreamEvent } from './sse.js';

describe('live stream framing', () => {
  const events: StreamEvent<{ id: string }>[] = [
    { type: 'resync' },
    { type: 'change', documents: [{ id: 'a1234567', _deleted: false }], checkpoint: { seq: '7-g1AAA' } },
    { type: 'ping' },
  ];

  it('should round-trip every event kind', () => {
    const parse = createStreamParser<{ id: string }>();
    expect(parse(events.map(encodeStreamEvent).join(''))).toEqual(events);
  });

  it('should parse frames cut at any byte', () => {
    const text = events.map(encodeStreamEvent).join('');
    for (let cut = 1; cut < text.length; cut += 1) {
      const parse = createStreamParser<{ id: string }>();
      expect([...parse(text.slice(0, cut)), ...parse(text.slice(cut))]).toEqual(events);
    }
  });

  it('should skip comments and unknown event kinds', () => {
    const parse = createStreamParser();
    expect(parse(': hello\n\nevent: future\ndata: {}\n\nevent: resync\ndata: {}\n\n')).toEqual([{ type: 'resync' }]);
  });

  it('should skip a change frame it cannot read instead of throwing', () => {
    const parse = createStreamParser();
    const text = 'event: change\ndata: {"documents": [\n\nevent: change\ndata: {"documents":[]}\n\nevent: resync\ndata: {}\n\n';
    expect(parse(text)).toEqual([{ type: 'resync' }]);
  });
});
