/** The URL with any `user:password@` replaced by `***@`, for error messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** `mariadb 127.0.0.1:3306/test`: scheme, host and path of a parsed URL, without credentials, for logs. */
export function describeUrl(url: URL): string {
  return `${url.protocol.replace(':', '')} ${url.host}${url.pathname}`;
}
