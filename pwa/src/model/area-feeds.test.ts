import { describe, expect, it } from 'vitest';
import { areaFeeds, feedsOnlyFor } from './area-feeds.js';

describe('areaFeeds', () => {
  it('should follow an area and every area above it', () => {
    expect(areaFeeds(['331123101'])).toEqual(['330000', '331100', '331123', '331123101']);
  });

  it('should join the chains of several areas without repeats', () => {
    expect(areaFeeds(['331123', '331124'])).toEqual(['330000', '331100', '331123', '331124']);
  });

  it('should skip codes that are not area codes', () => {
    expect(areaFeeds(['331123', 'bogus', ''])).toEqual(['330000', '331100', '331123']);
    expect(areaFeeds([])).toEqual([]);
  });
});

describe('feedsOnlyFor', () => {
  it('should keep the feeds another chosen area still needs', () => {
    expect(feedsOnlyFor('331124', ['331123'])).toEqual(['331124']);
    expect(feedsOnlyFor('331123101', ['331123'])).toEqual(['331123101']);
    expect(feedsOnlyFor('331123', [])).toEqual(['330000', '331100', '331123']);
  });
});
