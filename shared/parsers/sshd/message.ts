/**
 * sshd messages that are authentication events, and what they mean. Counted as `ssh:auth`:
 *
 * | message (OpenSSH)                                                     | outcome         |
 * |-----------------------------------------------------------------------|-----------------|
 * | `Accepted METHOD for USER from IP port N ssh2[: KEY]`                 | `accepted`      |
 * | `Failed METHOD for USER from IP port N ssh2`                          | `failed`        |
 * | `Failed METHOD for invalid user USER from IP port N ssh2`             | `failed` (+ `extra.invalidUser`) |
 * | `Invalid user USER from IP [port N]`                                  | `invalid-user`  |
 * | `User USER from IP not allowed because …`                             | `not-allowed`   |
 * | `error: maximum authentication attempts exceeded for [invalid user] USER from IP port N ssh2` | `max-attempts` |
 * | `Connection closed by authenticating user USER IP port N [preauth]`   | `closed`        |
 * | `Connection closed by invalid user USER IP port N [preauth]`          | `closed` (+ invalidUser) |
 * | `Disconnected from authenticating user USER IP port N [preauth]`      | `disconnected`  |
 * | `Disconnected from invalid user USER IP port N [preauth]`             | `disconnected` (+ invalidUser) |
 *
 * Everything else sshd says (`Connection from`, `Received disconnect`, session open/close,
 * `Disconnected from user` after a session, `reverse mapping checking …`, PAM lines) is not an
 * authentication decision and is skipped (counted). rsyslog's `message repeated N times: [ … ]`
 * wrapper is undone (`extra.repeated`); a trailing ` [preauth]` sets `extra.preauth`.
 * A message that starts like an auth message but does not follow its grammar is malformed.
 * User names may contain spaces: the address is found from the right.
 */

export interface AuthMessage {
  readonly outcome: string;
  readonly user: string | null;
  readonly ipText: string;
  readonly port: number | null;
  readonly method: string | null;
  readonly invalidUser: boolean;
  readonly preauth: boolean;
  readonly repeated: number | null;
  /** `ssh2` when logged. */
  readonly protocol: string | null;
  /** Public-key details after `ssh2: ` (`ED25519 SHA256:…`). */
  readonly key: string | null;
  /** The reason text of `not allowed because …`. */
  readonly reason: string | null;
}

/** `null`: not an auth message; a string: an auth message that is malformed (why). */
export type MessageResult = AuthMessage | string | null;

interface Tail {
  readonly ipText: string;
  readonly port: number | null;
  readonly protocol: string | null;
  readonly key: string | null;
}

function readPort(text: string): number | null {
  if (text.length === 0 || text.length > 5) return null;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    v = v * 10 + c - 48;
  }
  return v <= 65535 ? v : null;
}

/** `IP[ port N][ ssh2[: KEY]]` (the text after ` from `). */
function readFromTail(text: string, portRequired: boolean): Tail | string {
  const sp = text.indexOf(' ');
  const ipText = sp < 0 ? text : text.slice(0, sp);
  if (ipText === '') return 'no address after "from"';
  if (sp < 0)
    return portRequired
      ? 'no port after the address'
      : { ipText, port: null, protocol: null, key: null };
  let rest = text.slice(sp + 1);
  if (!rest.startsWith('port ')) {
    return portRequired
      ? 'expected "port N" after the address'
      : { ipText, port: null, protocol: null, key: null };
  }
  rest = rest.slice(5);
  const sp2 = rest.indexOf(' ');
  const port = readPort(sp2 < 0 ? rest : rest.slice(0, sp2));
  if (port === null) return 'the port is not a number 0-65535';
  if (sp2 < 0) return { ipText, port, protocol: null, key: null };
  rest = rest.slice(sp2 + 1);
  let protocol: string;
  let key: string | null = null;
  const colon = rest.indexOf(': ');
  if (colon >= 0) {
    protocol = rest.slice(0, colon);
    key = rest.slice(colon + 2);
  } else {
    protocol = rest;
  }
  return {
    ipText,
    port,
    protocol: protocol === '' ? null : protocol,
    key: key === '' ? null : key,
  };
}

function message(
  outcome: string,
  user: string | null,
  tail: Tail,
  extra: Partial<Pick<AuthMessage, 'method' | 'invalidUser' | 'reason'>>,
  wrap: { preauth: boolean; repeated: number | null },
): AuthMessage {
  return {
    outcome,
    user: user === '' ? null : user,
    ipText: tail.ipText,
    port: tail.port,
    method: extra.method ?? null,
    invalidUser: extra.invalidUser ?? false,
    preauth: wrap.preauth,
    repeated: wrap.repeated,
    protocol: tail.protocol,
    key: tail.key,
    reason: extra.reason ?? null,
  };
}

/** `[invalid user ]USER from TAIL` → user, invalid flag and tail. */
function userFrom(
  text: string,
  portRequired: boolean,
): { user: string; invalid: boolean; tail: Tail } | string {
  let rest = text;
  let invalid = false;
  if (rest.startsWith('invalid user ')) {
    invalid = true;
    rest = rest.slice(13);
  }
  const from = rest.lastIndexOf(' from ');
  // An empty user name is logged as `for  from` / `user  from`.
  const user = from < 0 ? '' : rest.slice(0, from);
  const tailText =
    from < 0 ? (rest.startsWith('from ') ? rest.slice(5) : null) : rest.slice(from + 6);
  if (tailText === null) return 'expected "from ADDRESS"';
  const tail = readFromTail(tailText, portRequired);
  if (typeof tail === 'string') return tail;
  return { user, invalid, tail };
}

/** `USER IP port N` (Connection closed / Disconnected forms). */
function userIpPort(text: string): { user: string; tail: Tail } | string {
  const portAt = text.lastIndexOf(' port ');
  if (portAt < 0) return 'expected "ADDRESS port N"';
  const port = readPort(text.slice(portAt + 6));
  if (port === null) return 'the port is not a number 0-65535';
  const before = text.slice(0, portAt);
  const sp = before.lastIndexOf(' ');
  const ipText = sp < 0 ? before : before.slice(sp + 1);
  if (ipText === '') return 'no address before "port"';
  return {
    user: sp < 0 ? '' : before.slice(0, sp),
    tail: { ipText, port, protocol: null, key: null },
  };
}

/** Reads one sshd message (the text after `sshd[pid]: `). */
export function parseSshdMessage(raw: string): MessageResult {
  let text = raw;
  let repeated: number | null = null;
  if (text.startsWith('message repeated ')) {
    const m = /^message repeated (\d{1,9}) times: \[ ?(.*?) ?\]$/.exec(text);
    if (m === null) return null;
    repeated = Number(m[1]);
    text = m[2] ?? '';
  }
  let preauth = false;
  if (text.endsWith(' [preauth]')) {
    preauth = true;
    text = text.slice(0, -10);
  }
  const wrap = { preauth, repeated };

  if (text.startsWith('Accepted ') || text.startsWith('Failed ')) {
    const accepted = text.startsWith('Accepted ');
    const body = text.slice(accepted ? 9 : 7);
    const forAt = body.indexOf(' for ');
    if (forAt <= 0) return `"${accepted ? 'Accepted' : 'Failed'}" without "METHOD for USER"`;
    const method = body.slice(0, forAt);
    if (method.includes(' ')) return 'the authentication method contains a space';
    const u = userFrom(body.slice(forAt + 5), true);
    if (typeof u === 'string') return u;
    return message(
      accepted ? 'accepted' : 'failed',
      u.user,
      u.tail,
      { method, invalidUser: u.invalid },
      wrap,
    );
  }
  if (text.startsWith('Invalid user ')) {
    const body = text.slice(13);
    const from = body.lastIndexOf(' from ');
    const user = from < 0 ? '' : body.slice(0, from);
    const tailText =
      from < 0 ? (body.startsWith('from ') ? body.slice(5) : null) : body.slice(from + 6);
    if (tailText === null) return 'expected "from ADDRESS"';
    const tail = readFromTail(tailText, false);
    if (typeof tail === 'string') return tail;
    return message('invalid-user', user, tail, { invalidUser: true }, wrap);
  }
  if (text.startsWith('User ') && text.includes(' not allowed because ')) {
    const because = text.lastIndexOf(' not allowed because ');
    const head = text.slice(5, because);
    const from = head.lastIndexOf(' from ');
    if (from < 0) return 'expected "from ADDRESS"';
    const tail = readFromTail(head.slice(from + 6), false);
    if (typeof tail === 'string') return tail;
    return message(
      'not-allowed',
      head.slice(0, from),
      tail,
      { reason: text.slice(because + 21) },
      wrap,
    );
  }
  if (text.startsWith('error: maximum authentication attempts exceeded for ')) {
    const u = userFrom(text.slice(52), true);
    if (typeof u === 'string') return u;
    return message('max-attempts', u.user, u.tail, { invalidUser: u.invalid }, wrap);
  }
  for (const [prefix, outcome, invalid] of CLOSE_FORMS) {
    if (text.startsWith(prefix)) {
      const u = userIpPort(text.slice(prefix.length));
      if (typeof u === 'string') return u;
      return message(outcome, u.user, u.tail, { invalidUser: invalid }, wrap);
    }
  }
  return null;
}

const CLOSE_FORMS: ReadonlyArray<readonly [string, string, boolean]> = [
  ['Connection closed by authenticating user ', 'closed', false],
  ['Connection closed by invalid user ', 'closed', true],
  ['Disconnected from authenticating user ', 'disconnected', false],
  ['Disconnected from invalid user ', 'disconnected', true],
];
