/**
 * Whether a browser request comes from a page of this site: its Origin (or, when a browser sends
 * none, its Referer) names the host the request was sent to. Only the host and port are compared,
 * so the check holds behind a proxy that ends TLS and passes the Host header on.
 */
export function isSameOrigin(headers: { origin?: string; referer?: string; host?: string }): boolean {
  const source = headers.origin ?? headers.referer;
  if (!source || !headers.host || source === 'null') return false;
  try {
    return new URL(source).host.toLowerCase() === headers.host.toLowerCase();
  } catch {
    return false;
  }
}
