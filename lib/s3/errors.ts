import "server-only";
import { UserError, isUserError } from "@/lib/errors";
import { formatS3Url, type S3Location } from "./location";

/** What we were doing when S3 refused: it decides which permission a refusal names. */
export type S3Operation = "list" | "read" | "sign";

export type S3ErrorDetails = {
  /** S3's error code (AccessDenied, NoSuchKey …) or our own (not_allowed, no_credentials …). */
  s3Code: string;
  location: string;
  /** The IAM permission a refusal is about, when we know it. */
  permission?: string;
  region?: string;
  /** Throttling, S3's own 5xx, the network: trying again later may succeed (a refusal will not). */
  transient?: boolean;
};

type SdkError = Error & {
  Code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  code?: string;
};

const THROTTLING = new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "TooManyRequests",
  "RequestLimitExceeded",
]);
const BAD_CREDENTIALS = new Set([
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "InvalidToken",
  "TokenRefreshRequired",
]);
const WRONG_REGION = new Set([
  "PermanentRedirect",
  "AuthorizationHeaderMalformed",
  "IllegalLocationConstraintException",
  "301",
]);
const NETWORK = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "ETIMEDOUT",
  "TimeoutError",
  "RequestTimeout",
]);

const NO_CREDENTIALS =
  "No AWS credentials were found for S3. Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or give the server credentials " +
  "through the AWS SDK's default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a shared profile (AWS_PROFILE, " +
  "~/.aws/credentials), a container or instance role, or web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN).";

function fail(
  code: ConstructorParameters<typeof UserError>[0],
  message: string,
  details: S3ErrorDetails,
): UserError<S3ErrorDetails> {
  return new UserError(code, message, details);
}

function codeOf(error: SdkError): string {
  const status = error.$metadata?.httpStatusCode ?? error.$response?.statusCode;
  const name = error.Code ?? error.name;
  // HEAD answers carry no body: the SDK names the error after the status, or "Unknown".
  const unnamed = name === "Unknown" || name === "UnknownError" || name === String(status);
  if (name === "NotFound" || (unnamed && status === 404)) return "NotFound";
  if (name === "Forbidden" || (unnamed && status === 403)) return "AccessDenied";
  if (status === 301 && (unnamed || !WRONG_REGION.has(name))) return "PermanentRedirect";
  if (unnamed && status === 503) return "SlowDown";
  return name;
}

/**
 * S3's answer as a UserError a person can act on: which setting, permission or region to fix.
 * A UserError passes through unchanged; an error we do not recognise keeps S3's code and words.
 */
export function mapS3Error(error: unknown, op: S3Operation, loc: S3Location): UserError<S3ErrorDetails> {
  if (isUserError(error)) return error as UserError<S3ErrorDetails>;
  const e = (error instanceof Error ? error : new Error(String(error))) as SdkError;
  const where = formatS3Url(loc);
  const code = codeOf(e);
  const base = { s3Code: code, location: where };
  if (e.name === "CredentialsProviderError" || /could not load credentials/i.test(e.message))
    return fail("failed", NO_CREDENTIALS, { ...base, s3Code: "no_credentials" });
  if (code === "RequestTimeTooSkewed")
    return fail(
      "failed",
      "S3 refused the request because this server's clock differs from S3's by more than 15 minutes: set the server's clock (NTP) and try again.",
      base,
    );
  if (BAD_CREDENTIALS.has(code))
    return fail(
      "forbidden",
      `S3 refused the server's credentials (${code}): check S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY (or the role the server runs as) and the server's clock.`,
      base,
    );
  if (code === "AccessDenied" || code === "AllAccessDisabled" || code.startsWith("KMS.")) {
    if (/kms/i.test(`${code} ${e.message}`) || code.startsWith("KMS."))
      return fail(
        "forbidden",
        `${where} is encrypted with a KMS key the server's role cannot use: grant it kms:Decrypt on that key (S3 said: ${e.message}).`,
        { ...base, permission: "kms:Decrypt" },
      );
    const permission = op === "list" ? "s3:ListBucket" : "s3:GetObject";
    const resource = op === "list" ? `arn:aws:s3:::${loc.bucket}` : `arn:aws:s3:::${loc.bucket}/${loc.key}`;
    return fail(
      "forbidden",
      `S3 denied access to ${where}: the server's credentials need ${permission} on ${resource}.`,
      { ...base, permission },
    );
  }
  if (code === "NoSuchKey" || code === "NotFound")
    return fail(
      "not_found",
      `${where} was not found: no object has that key (keys are case-sensitive).`,
      base,
    );
  if (code === "NoSuchBucket")
    return fail(
      "not_found",
      `The bucket “${loc.bucket}” does not exist: check its name (and S3_ENDPOINT if you use an S3-compatible server).`,
      base,
    );
  if (WRONG_REGION.has(code)) {
    const region = e.$response?.headers?.["x-amz-bucket-region"];
    return fail(
      "failed",
      region
        ? `The bucket “${loc.bucket}” is in region ${region} and could not be reached there: set S3_REGION=${region} and try again.`
        : `The bucket “${loc.bucket}” is in another region than the one configured: set S3_REGION to the bucket's region.`,
      { ...base, ...(region ? { region } : {}) },
    );
  }
  if (THROTTLING.has(code) || e.$metadata?.httpStatusCode === 503)
    return fail(
      "failed",
      `S3 is throttling requests (${code}) and still was after ${e.$metadata?.attempts ?? "several"} attempts with backoff: try again in a minute.`,
      { ...base, transient: true },
    );
  if (NETWORK.has(code) || NETWORK.has(e.code ?? "") || e.name === "AbortError")
    return fail(
      "failed",
      `S3 could not be reached (${e.code ?? code}): check S3_ENDPOINT/S3_REGION and the network.`,
      { ...base, transient: true },
    );
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? 0;
  return fail(
    "failed",
    `S3 refused ${op === "list" ? "to list" : "to read"} ${where}: ${code}: ${e.message}`,
    // InternalError (500) and its kin pass; 501 NotImplemented will not.
    { ...base, ...(status >= 500 && status !== 501 ? { transient: true } : {}) },
  );
}
