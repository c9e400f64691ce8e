/** True for the gateway's sample images of materials (材料样例), on the app's own origin. */
export function isSampleImage(url: URL, origin: string): boolean {
  return url.origin === origin && url.pathname.startsWith('/samples/');
}
