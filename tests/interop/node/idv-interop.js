#!/usr/bin/env node
// TEST-ONLY interop check: the YotiIdv emulator against the official Yoti Node SDK (yoti@4.13.2).
//
//   1. IDVClient.getSession signed with the right key         -> must succeed
//   2. (optional) IDVClient.getMediaContent for --media-id    -> must succeed
//   3. IDVClient.getSession signed with a freshly generated key -> must fail with 401
//   4. one request signed by the SDK's RequestBuilder, sent twice -> 200, then 401 (replayed nonce)
//   5. getSessionConfiguration, getSessionTrackedDevices, getSupportedDocuments (with and without includeNonLatin)
//   6. (optional) deleteMediaContent --delete-media-id of --delete-session-id, then deleteSession of it,
//      then getSession of it                                 -> 404 (the deletion is remembered)
//
// Usage (see README.md):
//   node idv-interop.js --base-url http://127.0.0.1:PORT/idverify/v1 --sdk-id ID --key PATH --session-id ID [--media-id ID]
//        [--delete-session-id ID --delete-media-id ID]
// Each option falls back to an environment variable: YOTI_IDV_API_URL, YOTI_CLIENT_SDK_ID, YOTI_KEY_FILE_PATH,
// YOTI_SESSION_ID, YOTI_MEDIA_ID.
// stdout carries only the JSON summary; the exit code is 0 when every step gave the expected result.
'use strict';

const fs = require('fs');
const crypto = require('crypto');
const { IDVClient, RequestBuilder } = require('yoti');

// The SDK logs failed requests with console.log; keep stdout for the summary.
console.log = (...args) => console.error(...args);

function parseArgs(argv) {
  const names = {
    '--base-url': 'baseUrl', '--sdk-id': 'sdkId', '--key': 'keyPath', '--session-id': 'sessionId', '--media-id': 'mediaId',
    '--delete-session-id': 'deleteSessionId', '--delete-media-id': 'deleteMediaId',
  };
  const result = {
    baseUrl: process.env.YOTI_IDV_API_URL,
    sdkId: process.env.YOTI_CLIENT_SDK_ID,
    keyPath: process.env.YOTI_KEY_FILE_PATH,
    sessionId: process.env.YOTI_SESSION_ID,
    mediaId: process.env.YOTI_MEDIA_ID,
  };
  for (let i = 2; i < argv.length; i += 2) {
    const name = names[argv[i]];
    if (!name || i + 1 >= argv.length) {
      throw new Error(`Unknown or incomplete option '${argv[i]}'`);
    }
    result[name] = argv[i + 1];
  }
  for (const required of ['baseUrl', 'sdkId', 'keyPath', 'sessionId']) {
    if (!result[required]) {
      throw new Error(`Missing ${required}: pass --${required.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} or its environment variable`);
    }
  }
  result.baseUrl = result.baseUrl.replace(/\/+$/, '');
  return result;
}

// Status and Yoti error code of a failed SDK or superagent call.
function describeError(err) {
  const response = err.response || null;
  const body = response && response.body && typeof response.body === 'object' ? response.body : null;
  return {
    status: (err.getResponseStatusCode && err.getResponseStatusCode()) || (response && (response.statusCode || response.status)) || null,
    code: body ? body.code || null : null,
    message: err.message,
  };
}

async function main() {
  const options = parseArgs(process.argv);
  const pem = fs.readFileSync(options.keyPath, 'utf8');
  const summary = { sdk: 'yoti@4.13.2', baseUrl: options.baseUrl, steps: {}, ok: false };
  const expect = (step, ok, details) => { summary.steps[step] = { ok, ...details }; };

  // 1. Right key: getSession must succeed.
  try {
    const client = new IDVClient(options.sdkId, pem, { apiUrl: options.baseUrl });
    const session = await client.getSession(options.sessionId);
    expect('getSession', session.getSessionId() === options.sessionId, {
      sessionId: session.getSessionId(),
      state: session.getState(),
      checks: session.getChecks().length,
    });
  } catch (err) {
    expect('getSession', false, describeError(err));
  }

  // 2. Optional media download.
  if (options.mediaId) {
    try {
      const client = new IDVClient(options.sdkId, pem, { apiUrl: options.baseUrl });
      const media = await client.getMediaContent(options.sessionId, options.mediaId);
      expect('getMediaContent', media !== null && media.getContent().length > 0, {
        mimeType: media ? media.getMimeType() : null,
        bytes: media ? media.getContent().length : 0,
      });
    } catch (err) {
      expect('getMediaContent', false, describeError(err));
    }
  }

  // 3. Wrong key: a fresh RSA key the emulator does not know must be refused with 401.
  try {
    const { privateKey } = crypto.generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const client = new IDVClient(options.sdkId, privateKey, { apiUrl: options.baseUrl });
    await client.getSession(options.sessionId);
    expect('wrongKeyRejected', false, { status: 200, message: 'request with an unknown key was accepted' });
  } catch (err) {
    const error = describeError(err);
    expect('wrongKeyRejected', error.status === 401, error);
  }

  // 4. Replay: build one signed request with the SDK and send the identical request twice.
  try {
    const request = new RequestBuilder()
      .withPemString(pem)
      .withBaseUrl(options.baseUrl)
      .withEndpoint(`/sessions/${options.sessionId}`)
      .withQueryParam('sdkId', options.sdkId)
      .withGet()
      .build();
    const first = await request.execute();
    let second;
    try {
      const response = await request.execute();
      second = { status: response.getStatusCode(), code: null };
    } catch (err) {
      second = describeError(err);
    }
    expect('replayRejected', first.getStatusCode() === 200 && second.status === 401, {
      firstStatus: first.getStatusCode(),
      secondStatus: second.status,
      secondCode: second.code,
    });
  } catch (err) {
    expect('replayRejected', false, describeError(err));
  }

  // 5. Configuration, tracked devices and supported documents, read through the SDK's own response classes.
  const client = new IDVClient(options.sdkId, pem, { apiUrl: options.baseUrl });
  try {
    const configuration = await client.getSessionConfiguration(options.sessionId);
    const capture = configuration.getCapture();
    expect('getSessionConfiguration', configuration.getSessionId() === options.sessionId, {
      sessionId: configuration.getSessionId(),
      requestedChecks: configuration.getRequestedChecks(),
      biometricConsent: capture.getBiometricConsent(),
      requiredResources: capture.getRequiredResources().map((r) => r.getType()),
      idDocuments: capture.getIdDocumentResourceRequirements().length,
    });
  } catch (err) {
    expect('getSessionConfiguration', false, describeError(err));
  }

  try {
    const devices = await client.getSessionTrackedDevices(options.sessionId);
    const events = devices.getDeviceEvents();
    expect('getSessionTrackedDevices', Array.isArray(events), {
      events: events.map((e) => e.getEvent()),
      firstOs: events.length > 0 ? events[0].getDevice().getOSName() : null,
    });
  } catch (err) {
    expect('getSessionTrackedDevices', false, describeError(err));
  }

  try {
    const count = (response) => response.getSupportedCountries()
      .reduce((total, country) => total + country.getSupportedDocuments().length, 0);
    const latin = await client.getSupportedDocuments(false);
    const all = await client.getSupportedDocuments(true);
    expect('getSupportedDocuments', count(all) >= count(latin), { latinDocuments: count(latin), allDocuments: count(all) });
  } catch (err) {
    expect('getSupportedDocuments', false, describeError(err));
  }

  // 6. Optional deletes: a media item, then its session; the session is then not found.
  if (options.deleteSessionId) {
    try {
      if (options.deleteMediaId) {
        await client.deleteMediaContent(options.deleteSessionId, options.deleteMediaId);
      }

      await client.deleteSession(options.deleteSessionId);
      let after;
      try {
        await client.getSession(options.deleteSessionId);
        after = { status: 200, code: null };
      } catch (err) {
        after = describeError(err);
      }
      expect('deleteSession', after.status === 404, { mediaDeleted: Boolean(options.deleteMediaId), statusAfter: after.status, codeAfter: after.code });
    } catch (err) {
      expect('deleteSession', false, describeError(err));
    }
  }

  summary.ok = Object.values(summary.steps).every((step) => step.ok);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return summary.ok ? 0 : 1;
}

main()
  .then((code) => { process.exitCode = code; })
  .catch((err) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: err.message })}\n`);
    process.exitCode = 2;
  });
