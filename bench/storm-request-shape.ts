/**
 * A store request's shape for counting: the method and the path with the
 * database prefix, user ids and document ids folded, so `POST
 * /storm1_u_ab12_applications/_bulk_docs` of every user counts as one kind.
 */
export function requestShape(method: string, path: string): string {
  let shape = path;
  try {
    shape = decodeURIComponent(path);
  } catch {
    // a malformed escape: count it as sent
  }
  shape = shape
    .replace(/_u_[^_/]+_/, '_u_<user>_')
    .replace(/^\/[a-z][a-z0-9]*?(raw)?_/, '/<prefix>$1_')
    .replace(/^(\/[^/]+\/)(?!_)[^/]+$/, '$1<id>');
  return `${method} ${shape}`;
}

/** Requests per shape made between two tallies. */
export function tallyDifference(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const difference: Record<string, number> = {};
  for (const [shape, count] of Object.entries(after)) {
    const made = count - (before[shape] ?? 0);
    if (made > 0) difference[shape] = made;
  }
  return difference;
}
