/**
 * Dates as people in China read them: 2026年11月26日 09:05, always in China
 * time (Asia/Shanghai, which has no daylight saving), whatever the phone's own
 * zone says. A receipt, a status and a photo taken are matters of one county's
 * office hours, so a phone set to another zone must not shift them by a day.
 * The formatters are built once: constructing an Intl.DateTimeFormat is the
 * expensive part.
 */
const CHINA = { timeZone: 'Asia/Shanghai' } as const;
const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

const DATE = new Intl.DateTimeFormat('zh-CN', { ...CHINA, year: 'numeric', month: 'long', day: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', { ...CHINA, year: 'numeric', month: 'long', day: 'numeric', ...TIME });
const MONTH_DAY_TIME = new Intl.DateTimeFormat('zh-CN', { ...CHINA, month: 'long', day: 'numeric', ...TIME });

/** `2026年11月26日`; '' for a value that is not a date. */
export function formatChinaDate(at: string | Date): string {
  return formatValid(DATE, at);
}

/** `2026年11月26日 09:05`; '' for a value that is not a date. */
export function formatChinaDateTime(at: string | Date): string {
  return formatValid(DATE_TIME, at);
}

/** `11月26日 09:05`, for lists where the year goes without saying; '' for a value that is not a date. */
export function formatChinaMonthDayTime(at: string | Date): string {
  return formatValid(MONTH_DAY_TIME, at);
}

function formatValid(format: Intl.DateTimeFormat, at: string | Date): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}
