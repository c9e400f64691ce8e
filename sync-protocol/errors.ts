/**
 * The one catalogue of problems the gateway can report. Codes are stable:
 * clients switch on `code`, never on `message`. Each entry says what went
 * wrong (`message`, in Chinese for the person holding the phone) and what to do
 * about it (`fix`, for whoever can act: the user, the app, or an operator).
 *
 * `expose` follows Koa: only exposed problems are shown verbatim to a client.
 * A problem with `httpStatus >= 500` is never the client's fault.
 */
export interface ProblemDefinition {
  readonly httpStatus: number;
  readonly message: string;
  readonly fix: string;
  readonly expose: boolean;
}

function problem(httpStatus: number, message: string, fix: string): ProblemDefinition {
  return { httpStatus, message, fix, expose: httpStatus < 500 };
}

export const ERRORS = {
  MALFORMED_BODY: problem(400, '请求内容无法解析', 'Send a JSON body that matches the protocol schema.'),
  INVALID_REQUEST: problem(400, '请求参数不正确', 'Correct the field named in `field` and send again.'),
  UNAUTHENTICATED: problem(401, '请先登录', 'Sign in again to obtain a new bearer token.'),
  INVALID_CREDENTIALS: problem(401, '账号或密码不正确', 'Check the login and password, or ask the operator to reset the password.'),
  FORBIDDEN: problem(403, '没有权限执行此操作', 'Use an account whose role allows this action.'),
  NOT_OWNER: problem(403, '该文档属于其他用户', 'Create a new document with a fresh id; ids of other users cannot be written.'),
  NOT_FOUND: problem(404, '请求的资源不存在', 'Check the route and the collection name.'),
  READ_ONLY_COLLECTION: problem(405, '该数据只能读取，不能上传', 'Do not push to this collection; it is published by the gateway.'),
  UNSUPPORTED_MEDIA_TYPE: problem(415, '请求内容类型不受支持', 'Send the body as application/json.'),
  UNSUPPORTED_CONTENT_ENCODING: problem(415, '请求内容的压缩方式不受支持', 'Send the body uncompressed or with Content-Encoding: gzip.'),
  BODY_TOO_LARGE: problem(413, '上传内容过大', 'Send fewer documents per request (see `limits` in the protocol).'),
  DOCUMENT_INVALID: problem(422, '文档内容不符合要求', 'Correct the field named in `field`; the other documents of the batch were stored.'),
  IMPORT_INVALID: problem(422, '导入文件有错误，未导入任何内容', 'Correct every problem listed in `problems` and import the whole file again.'),
  IMPORT_BUSY: problem(
    409,
    '另一次导入正在进行，请稍后再试',
    'Another gateway or CLI holds the import lease; retry when it has finished (the lease expires by itself if that process died).',
  ),
  MATERIAL_HASH_MISMATCH: problem(460, '照片传输不完整，正在重新发送', 'Upload the material again from the start; the received bytes did not match its SHA-256.'),
  UPLOAD_OFFSET_CONFLICT: problem(409, '照片续传位置不一致，将从正确位置继续', 'HEAD the upload and send the next chunk from the Upload-Offset it reports.'),
  UPLOAD_GONE: problem(
    410,
    '这次照片上传已结束，无需继续发送',
    'HEAD the upload: it reports the full length when the material was stored; otherwise ask `have` and create a new upload.',
  ),
  TUS_VERSION_UNSUPPORTED: problem(412, '应用版本过旧，请更新应用后再发送照片', "Send `Tus-Resumable: 1.0.0` on every upload request (the version in the answer's Tus-Version)."),
  UPLOAD_LOCKED: problem(423, '照片正在接收中，请稍后再试', 'Retry in a few seconds: the gateway still holds this upload for an earlier connection.'),
  PROTOCOL_VERSION_UNSUPPORTED: problem(426, '应用版本过旧，请更新应用后再同步', 'Reload the app to install the current version; nothing was written.'),
  RATE_LIMITED: problem(429, '请求过于频繁，请稍后再试', 'Retry after the number of seconds in Retry-After.'),
  INTERNAL: problem(500, '服务器内部错误', 'Retry later; operators were alerted through the logs.'),
  GATEWAY_BUSY: problem(
    503,
    '同时发送的人太多，稍后自动重试',
    'Nothing was written: retry after the number of seconds in Retry-After, with jitter (the device does this by itself).',
  ),
  STORE_UNAVAILABLE: problem(503, '数据存储暂时不可用', 'Retry later with backoff; nothing was lost on the device.'),
} as const satisfies Record<string, ProblemDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error response, and of every per-document error. */
export interface ProblemBody {
  code: ErrorCode;
  message: string;
  fix: string;
  /** JSON pointer-ish path of the offending field, e.g. `applicant.idNumber`. */
  field?: string;
  /** Free detail, safe to show (never a document body or a token). */
  detail?: string;
  /** Every problem found, when one request can have many (an import file). */
  problems?: ImportProblem[];
}

/** One problem of an import file: which item, which field, why. */
export interface ImportProblem {
  /** The guide's id, or `#<index>` in the file when it has no usable id. */
  item: string;
  field: string;
  reason: string;
}

/** Builds the body of a problem for the wire. */
export function toProblemBody(code: ErrorCode, extra: { field?: string; detail?: string; problems?: ImportProblem[] } = {}): ProblemBody {
  const def = ERRORS[code];
  return { code, message: def.message, fix: def.fix, ...extra };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}
