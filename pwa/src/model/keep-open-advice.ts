/**
 * What a person must know on a phone whose browser cannot send in the
 * background (no Background Sync: Safari, Firefox, some in-app browsers):
 * applications go out only while 通办 is open. Null where the service worker
 * sends after the page closed, or when nothing waits to be sent.
 */
export function keepOpenAdvice(unsent: number, offline: boolean, sendsInBackground: boolean): string | null {
  if (sendsInBackground || unsent === 0) return null;
  const what = unsent === 1 ? '这份申请' : `${unsent} 份申请`;
  return offline
    ? `这台手机关掉通办后不会在后台发送。有网以后，请打开通办，${what}才会发出去。`
    : `这台手机关掉通办后不会在后台发送。请让通办开着（可以切到别的应用），等${unsent === 1 ? '这份申请显示' : ` ${what}都显示`}“已送达”再关掉。`;
}
