'use strict';
// The mock's admin API, as a merchant's JavaScript test suite would drive it. The Java driver
// (NodeClientsTest) starts the mock and passes its address in MIXPAY_MOCK_URL.

const baseUrl = process.env.MIXPAY_MOCK_URL;
if (!baseUrl) {
  throw new Error('MIXPAY_MOCK_URL is not set: run these tests through NodeClientsTest (mvn -B verify)');
}

async function admin(method, path, body) {
  const response = await fetch(baseUrl + '/__admin' + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) {
    throw new Error(`${method} /__admin${path} answered ${response.status}: ${text}`);
  }
  return text === '' ? null : JSON.parse(text);
}

/**
 * The newest exchange at `path` from the mock's request journal (newest first): `request` and
 * `response` as they were on the wire.
 */
async function lastExchange(path) {
  const journal = await admin('GET', '/requests');
  const found = journal.requests.find((e) => e.request.url.split('?')[0] === path);
  if (!found) {
    throw new Error(`the mock received no request to ${path}`);
  }
  return { request: found.request, response: found.response };
}

/** Plays the payer: pays the code in full. */
function payInFull(code) {
  return admin('POST', `/mixpay/payments/${code}/pay`);
}

/**
 * How the mock answers errors from now on: 'mapped' (the envelope under 4xx/5xx, the default)
 * or 'http-200' (every envelope under HTTP 200, as some MixPay deployments answer).
 */
function errorStyle(style) {
  return admin('PUT', '/mixpay/error-style', { http200: style === 'http-200' });
}

module.exports = { baseUrl, admin, lastExchange, payInFull, errorStyle };
