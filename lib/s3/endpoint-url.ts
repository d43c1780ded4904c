import "server-only";
import { s3Settings } from "./client";
import { matchAllowEntry } from "./location";

/**
 * True when `link` is a path-style link on S3_ENDPOINT (`<endpoint>/<bucket>/<key>`, as this
 * server signs them for a local S3-compatible server) to one object that S3_ALLOWED_BUCKETS
 * admits. The embedded simulator downloads such links from the private S3_ENDPOINT; any other
 * link to that origin (another bucket, a folder outside the allow-list, `..%2F`, its admin
 * paths) goes through the public-only fetcher like every other link, and is refused.
 */
export function isAllowedS3EndpointLink(link: string): boolean {
  const { endpoint, allowed } = s3Settings();
  if (!endpoint || allowed.length === 0) return false;
  let url: URL;
  let base: URL;
  try {
    url = new URL(link);
    base = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.origin !== base.origin || url.username || url.password) return false;
  const basePath = base.pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${basePath}/`)) return false;
  const rest = url.pathname.slice(basePath.length + 1);
  const slash = rest.indexOf("/");
  if (slash <= 0) return false;
  let location: { bucket: string; key: string };
  try {
    // S3 reads the path once percent-decoded; the key's own checks catch a second encoding.
    location = {
      bucket: decodeURIComponent(rest.slice(0, slash)),
      key: decodeURIComponent(rest.slice(slash + 1)),
    };
  } catch {
    return false;
  }
  if (location.key === "" || location.key.endsWith("/")) return false;
  return matchAllowEntry(allowed, location) !== undefined;
}
