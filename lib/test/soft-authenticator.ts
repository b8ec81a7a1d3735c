// A passkey authenticator in software, for tests of lib/auth/passkeys.ts: a P-256 key per credential,
// "none" attestation, and the bytes a browser would send (WebAuthn Level 3, §6.1 authenticator data,
// §8.7 none attestation; RFC 8949 CBOR for the parts that need it). Each answer can be bent the ways
// an attacker or a broken device would bend it: another origin, no user verification, an old counter.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | Record<string, never>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  const out = Buffer.alloc(3);
  out[0] = (major << 5) | 25;
  out.writeUInt16BE(length, 1);
  return out;
}

/** Just enough CBOR: small integers, byte and text strings, maps. */
function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const entries = value instanceof Map ? [...value.entries()] : [];
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([key, item]) => [cbor(key), cbor(item)])]);
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest();

const FLAG = { userPresent: 0x01, userVerified: 0x04, backupEligible: 0x08, backedUp: 0x10, attested: 0x40 };

export interface Bend {
  /** The page the browser says it is on (a phishing site's, say). */
  origin?: string;
  /** The domain whose hash the authenticator signs for. */
  rpID?: string;
  /** False: the device did not check a PIN or biometric. */
  userVerified?: boolean;
  /** The signature counter to report instead of the next one (a cloned authenticator's). */
  counter?: number;
  /** Another challenge than the one asked (a replayed answer). */
  challenge?: string;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly cosePublicKey: Buffer;
  private counter = 0;
  private userHandle = "";

  constructor(
    private readonly site: { rpID: string; origin: string },
    private readonly options: { synced?: boolean; counts?: boolean } = {},
  ) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    const jwk = pair.publicKey.export({ format: "jwk" });
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    this.cosePublicKey = cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? "", "base64url")],
        [-3, Buffer.from(jwk.y ?? "", "base64url")],
      ]),
    );
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private authenticatorData(bend: Bend, attested: boolean): Buffer {
    let flags = FLAG.userPresent;
    if (bend.userVerified !== false) flags |= FLAG.userVerified;
    if (this.options.synced) flags |= FLAG.backupEligible | FLAG.backedUp;
    if (attested) flags |= FLAG.attested;
    if (this.options.counts !== false) this.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(bend.counter ?? (this.options.counts === false ? 0 : this.counter));
    const parts: Uint8Array[] = [sha256(bend.rpID ?? this.site.rpID), Buffer.from([flags]), counter];
    if (attested) {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), length, this.credentialId, this.cosePublicKey);
    }
    return Buffer.concat(parts);
  }

  private clientData(type: "webauthn.create" | "webauthn.get", challenge: string, bend: Bend): Buffer {
    return Buffer.from(
      JSON.stringify({
        type,
        challenge: bend.challenge ?? challenge,
        origin: bend.origin ?? this.site.origin,
        crossOrigin: false,
      }),
    );
  }

  /** navigator.credentials.create's answer to `options`, as @simplewebauthn/browser hands it on. */
  register(options: { challenge: string; user: { id: string } }, bend: Bend = {}) {
    this.userHandle = options.user.id;
    const attestationObject = cbor(
      new Map<Cbor, Cbor>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", this.authenticatorData(bend, true)],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: b64url(this.clientData("webauthn.create", options.challenge, bend)),
        attestationObject: b64url(attestationObject),
        transports: ["internal" as const],
      },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get's answer to `options`. */
  authenticate(options: { challenge: string }, bend: Bend = {}) {
    const authenticatorData = this.authenticatorData(bend, false);
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, bend);
    const signature = sign("sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        userHandle: this.userHandle || undefined,
      },
      clientExtensionResults: {},
    };
  }
}
