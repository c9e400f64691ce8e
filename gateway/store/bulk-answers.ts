/** One row of a `_bulk_docs` answer. */
export interface BulkAnswerRow {
  id?: string;
  rev?: string;
  error?: string;
  reason?: string;
}

/**
 * The rows of a `_bulk_docs` answer in the order of the documents sent.
 * Matched by id, never by position: the embedded store now and then answers
 * in another order under load (two users were both given one contested id
 * that way), and nothing in CouchDB's documentation promises the order. A
 * document the answer does not mention gets `undefined`. Hand-written: nano
 * returns the store's array as it came.
 */
export function bulkAnswersInRequestOrder<R extends BulkAnswerRow>(docs: ReadonlyArray<{ _id?: string }>, answer: readonly R[]): Array<R | undefined> {
  const byId = new Map<string, R[]>();
  const unnamed: R[] = [];
  for (const row of answer) {
    if (row.id === undefined) unnamed.push(row);
    else if (byId.has(row.id)) byId.get(row.id)!.push(row);
    else byId.set(row.id, [row]);
  }
  // The same id twice in one request: its rows are taken in answer order.
  return docs.map((doc) => (doc._id === undefined ? unnamed.shift() : byId.get(doc._id)?.shift()));
}
