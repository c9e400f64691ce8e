const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How fresh a guide is, in words: "今天更新", "昨天更新", "3 天前更新",
 * "2 个月前更新", "1 年前更新". `updatedAt` is the gateway's clock; `now`
 * should be the device clock corrected by the server's (see server-clock);
 * a clock still behind the gateway never gives a negative age, and a date
 * that cannot be read gives null (show nothing rather than nonsense).
 */
export function describeFreshness(updatedAt: string, now: Date): string | null {
  const at = Date.parse(updatedAt);
  if (Number.isNaN(at) || Number.isNaN(now.getTime())) return null;
  const days = Math.floor(Math.max(0, now.getTime() - at) / DAY_MS);
  if (days === 0) return '今天更新';
  if (days === 1) return '昨天更新';
  if (days < 30) return `${days} 天前更新`;
  if (days < 365) return `${Math.floor(days / 30)} 个月前更新`;
  return `${Math.floor(days / 365)} 年前更新`;
}
