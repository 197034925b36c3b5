// An independent signer of identity profile report proofs, done as Yoti's signature-validation page does it:
// jose (Ed25519 JWS) over json-canonicalize (RFC 8785) of the report with proof.jws = "", detached payload.
//
//   node sign-reports.mjs --report <report.json> --key-url <url> --out <cases.json>
//       Writes { jwks, cases: [{ name, json, expect }] }: the signed report in its original layout and
//       re-serialised (must verify), and every forgery and one-value change (must not, with the expected Reason).
//   node sign-reports.mjs --verify <report.json> --jwks <jwks.json>
//       Verifies a report signed by someone else (the module's emulator) the same way; prints {"verified":...}.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHmac, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK } from 'jose';
import { canonicalize } from 'json-canonicalize';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const clone = (v) => structuredClone(v);

// Spec 5.5: the payload is the canonical report with proof.jws emptied; public_key_url stays and is signed.
function payloadOf(report) {
  const copy = clone(report);
  copy.proof.jws = '';
  return new TextEncoder().encode(canonicalize(copy));
}

async function signDetached(report, privateKey, header) {
  const jws = await new CompactSign(payloadOf(report)).setProtectedHeader(header).sign(privateKey);
  const [h, , s] = jws.split('.');
  return `${h}..${s}`;
}

if (args.verify) {
  const report = JSON.parse(readFileSync(args.verify, 'utf8'));
  const jwks = JSON.parse(readFileSync(args.jwks, 'utf8'));
  const [h, , s] = report.proof.jws.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  const jwk = jwks.keys.find((k) => k.kid === header.kid) ?? jwks.keys[0];
  let verified = false;
  try {
    await compactVerify(`${h}.${b64u(payloadOf(report))}.${s}`, await importJWK(jwk, 'EdDSA'), { algorithms: ['EdDSA'] });
    verified = true;
  } catch {
    verified = false;
  }
  process.stdout.write(JSON.stringify({ verified, kid: header.kid, alg: header.alg }));
  process.exit(0);
}

const kid = 'interop-test-only-01';
const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
const other = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });

// The base report: the shared fixture plus numbers that only an exact RFC 8785 implementation writes right.
const numbersText = '{"big":1e21,"small":1e-7,"minusZero":-0,"trailing":4.50,"past2to53":9007199254740993,"third":333333333.33333329,"tiny":5e-324,"max":1.7976931348623157e308,"tenth":0.1,"neg":-1.5e-9,"int":12345678901234567890}';
const base = JSON.parse(readFileSync(args.report, 'utf8'));
base.x_numbers = JSON.parse(numbersText);
base.x_text = 'Ünïcödé € 😀 "quoted" \\ back / slash \u0001 control\ttab\nnew \u2028 line \u007f';
base.proof = { jws: '', public_key_url: args['key-url'] };
base.proof.jws = await signDetached(base, privateKey, { alg: 'EdDSA', kid });

const cases = [];
const add = (name, json, expect) => cases.push({ name, json, expect });

// --- must verify: the original layout and re-serialisations of the same values ---
// The numbers object goes in as text, so that the file holds 9007199254740993, 4.50, -0 as written.
const withNumbersText = (text) => text.replace(/"x_numbers":\s*\{[^}]*\}/, `"x_numbers": ${numbersText}`);
add('original layout', withNumbersText(JSON.stringify(base, null, 2)), 'Verified');
add('compact', withNumbersText(JSON.stringify(base)), 'Verified');
add('indented 4, CRLF', withNumbersText(JSON.stringify(base, null, 4)).replace(/\n/g, '\r\n'), 'Verified');
const reorder = (v) => (Array.isArray(v) ? v.map(reorder) : v && typeof v === 'object'
  ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reorder(v[k])])) : v);
add('keys reordered', withNumbersText(JSON.stringify(reorder(base), null, 1)), 'Verified');
// Every character of every string as a \u escape, numbers in another notation: the same values.
// (UTF-16 code units: an emoji becomes its surrogate pair of escapes.)
const escapeAll = (s) => '"' + s.split('').map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('') + '"';
const writeEscaped = (v) => {
  if (Array.isArray(v)) return '[' + v.map(writeEscaped).join(' , ') + ']';
  if (v && typeof v === 'object') return '{ ' + Object.keys(v).map((k) => escapeAll(k) + ' : ' + writeEscaped(v[k])).join(' ,\n ') + ' }';
  if (typeof v === 'string') return escapeAll(v);
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e15 && !Object.is(v, -0)) return `${v}.000E0`;
  return JSON.stringify(v);
};
add('\\u escapes and other number notation', writeEscaped(base), 'Verified');

// --- every one-value change, added or removed key, swapped array element: Tampered ---
function* leaves(v, path = []) {
  if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) yield* leaves(v[i], [...path, i]); return; }
  if (v && typeof v === 'object') { for (const k of Object.keys(v)) yield* leaves(v[k], [...path, k]); return; }
  yield path;
}
function* objects(v, path = []) {
  if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) yield* objects(v[i], [...path, i]); return; }
  if (v && typeof v === 'object') { yield path; for (const k of Object.keys(v)) yield* objects(v[k], [...path, k]); }
}
function* arrays(v, path = []) {
  if (Array.isArray(v)) { yield path; for (let i = 0; i < v.length; i++) yield* arrays(v[i], [...path, i]); return; }
  if (v && typeof v === 'object') for (const k of Object.keys(v)) yield* arrays(v[k], [...path, k]);
}
const at = (root, path) => path.reduce((o, k) => o[k], root);
const isJws = (path) => path.length === 2 && path[0] === 'proof' && path[1] === 'jws';
const changed = (v) => (typeof v === 'string' ? (v.length ? v.slice(0, -1) + (v.endsWith('X') ? 'Y' : 'X') : 'X')
  : typeof v === 'number' ? (v === 0 ? 1 : Number.isFinite(v * 2) ? v * 2 : v / 2)
  : typeof v === 'boolean' ? !v : 0);
for (const path of leaves(base)) {
  if (isJws(path)) continue;
  const copy = clone(base);
  const parent = at(copy, path.slice(0, -1));
  parent[path.at(-1)] = changed(parent[path.at(-1)]);
  add('changed ' + path.join('.'), JSON.stringify(copy), 'Tampered');
}
for (const path of objects(base)) {
  const copy = clone(base);
  at(copy, path).x_added = 'added';
  add('added key in ' + (path.join('.') || 'the root'), JSON.stringify(copy), 'Tampered');
  for (const key of Object.keys(at(base, path))) {
    if (path.length === 0 && key === 'proof') continue; // no proof: NoProof, below
    if (isJws([...path, key])) continue;
    const removed = clone(base);
    delete at(removed, path)[key];
    add('removed ' + [...path, key].join('.'), JSON.stringify(removed), 'Tampered');
  }
}
for (const path of arrays(base)) {
  const array = at(base, path);
  if (array.length < 2 || canonicalize(array[0]) === canonicalize(array[1])) continue;
  const copy = clone(base);
  const target = at(copy, path);
  [target[0], target[1]] = [target[1], target[0]];
  add('swapped first two of ' + path.join('.'), JSON.stringify(copy), 'Tampered');
}

// --- the proof itself ---
const [h, , s] = base.proof.jws.split('.');
const withJws = (jws, report = base) => JSON.stringify({ ...report, proof: { ...report.proof, jws } });
for (const bit of [0, 7, 255, 256, 511]) {
  const sig = Buffer.from(s, 'base64url');
  sig[bit >> 3] ^= 1 << (bit & 7);
  add(`signature bit ${bit} flipped`, withJws(`${h}..${b64u(sig)}`), 'Tampered');
}
const headerOf = (header) => b64u(Buffer.from(JSON.stringify(header)));
const signingInput = (header64, report = base) => `${header64}.${b64u(payloadOf(report))}`;
const none = headerOf({ alg: 'none', kid });
add('alg none, empty signature', withJws(`${none}..`), 'UnsupportedAlgorithm');
add('alg none with the real signature', withJws(`${none}..${s}`), 'UnsupportedAlgorithm');
for (const [label, secret] of [['raw public key', Buffer.from(publicJwk.x, 'base64url')], ['x text', Buffer.from(publicJwk.x)], ['JWK JSON', Buffer.from(JSON.stringify(publicJwk))]]) {
  const hs = headerOf({ alg: 'HS256', kid });
  const mac = createHmac('sha256', secret).update(signingInput(hs)).digest();
  add(`HS256 keyed with the ${label}`, withJws(`${hs}..${b64u(mac)}`), 'UnsupportedAlgorithm');
}
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rs = headerOf({ alg: 'RS256', kid });
add('RS256 by another key', withJws(`${rs}..${b64u(nodeSign('sha256', Buffer.from(signingInput(rs)), rsa.privateKey))}`), 'UnsupportedAlgorithm');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const es = headerOf({ alg: 'ES256', kid });
add('ES256 by another key', withJws(`${es}..${b64u(nodeSign('sha256', Buffer.from(signingInput(es)), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }))}`), 'UnsupportedAlgorithm');
add('alg missing', withJws(`${headerOf({ kid })}..${s}`), 'UnsupportedAlgorithm');
add('signed by another Ed25519 key, same kid', withJws(await signDetached(base, other.privateKey, { alg: 'EdDSA', kid })), 'Tampered');
add('another kid', withJws(await signDetached(base, other.privateKey, { alg: 'EdDSA', kid: 'not-in-the-set' })), 'KeyNotFound');
const attested = await new CompactSign(payloadOf(base)).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey);
add('JWS with its own (non-detached) payload', withJws(attested), 'Malformed');
const otherReport = clone(base);
otherReport.identity_assertion.current_name.family_name = 'SOMEONE-ELSE';
otherReport.proof.jws = await signDetached(otherReport, privateKey, { alg: 'EdDSA', kid });
add('proof transplanted from another report', withJws(otherReport.proof.jws), 'Tampered');
const notCanonical = await new CompactSign(new TextEncoder().encode(JSON.stringify({ ...base, proof: { ...base.proof, jws: '' } }))).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey);
add('signed over JSON.stringify, not the canonical form', withJws(notCanonical.replace(/\.[^.]+\./, '..')), 'Tampered');
add('signature over the report with proof removed instead of emptied', withJws(await (async () => {
  const copy = clone(base);
  delete copy.proof;
  const jws = await new CompactSign(new TextEncoder().encode(canonicalize(copy))).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey);
  return jws.replace(/\.[^.]+\./, '..');
})()), 'Tampered');
add('duplicate key', JSON.stringify(base, null, 2).replace('"identity_assertion": {', '"identity_assertion": {"x": 1, "x": 2,'), 'Malformed');
add('no proof', JSON.stringify({ ...base, proof: undefined }), 'NoProof');
add('older plain-string proof', JSON.stringify({ ...base, proof: 'signature provided here' }), 'NoProof');

writeFileSync(args.out, JSON.stringify({ jwks: { keys: [publicJwk] }, cases }));
process.stdout.write(JSON.stringify({ cases: cases.length }));
