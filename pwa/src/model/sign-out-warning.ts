/**
 * What to say before signing out, in plain words. Nothing is deleted on
 * sign-out: the person's applications stay in their own database on the
 * phone, hidden from whoever signs in next, and go out at their next sign-in.
 *
 * @param unsent submitted applications not yet at the gateway; null if they could not be counted
 */
export function signOutWarning(unsent: number | null): string {
  if (unsent && unsent > 0) {
    return `还有 ${unsent} 份申请没有发送。退出后它们会保留在这台手机上，您再次登录时会自动发送。确定退出吗？`;
  }
  return '确定退出登录吗？您的申请会保留在这台手机上，别人登录后看不到。再次登录需要联网。';
}
