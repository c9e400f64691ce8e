import { describe, expect, it } from 'vitest';
import { bulkAnswersInRequestOrder } from './bulk-answers.js';

describe('bulkAnswersInRequestOrder', () => {
  it('should match each row to its document by id, whatever order the store answered in', () => {
    const docs = [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }];
    const answer = [
      { id: 'c', rev: '1-c' },
      { id: 'a', error: 'conflict', reason: 'Document update conflict' },
      { id: 'b', rev: '1-b' },
    ];
    expect(bulkAnswersInRequestOrder(docs, answer)).toEqual([answer[1], answer[2], answer[0]]);
  });

  it('should leave undefined for a document the answer does not mention', () => {
    expect(bulkAnswersInRequestOrder([{ _id: 'a' }, { _id: 'b' }], [{ id: 'b', rev: '1-b' }])).toEqual([undefined, { id: 'b', rev: '1-b' }]);
  });

  it('should give the rows of an id sent twice in answer order, and rows without id to documents without id', () => {
    const answer = [{ id: 'x', rev: '1-x' }, { rev: '1-new' }, { id: 'x', error: 'conflict' }];
    expect(bulkAnswersInRequestOrder([{ _id: 'x' }, {}, { _id: 'x' }], answer)).toEqual([answer[0], answer[1], answer[2]]);
  });
});
