'use strict';
// MixPay's own JavaScript client (npm mixpayjs 3.0.0, pinned in package.json) against the mock:
// what a merchant using it sees. mixpayjs has no base-URL option; its axios instance is
// `client.request`, so its defaults.baseURL points it at the mock.

const { test, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const MixPay = require('mixpayjs');
const mock = require('./mock');

const PAYEE = 'a0d7791408776b47eb1dd3f94ed15d6a';
const BTC = 'c6d0c728-2624-429b-8e0d-d9d19b6592fa';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function client() {
  const mixpay = MixPay();
  mixpay.request.defaults.baseURL = mock.baseUrl + '/v1';
  return mixpay;
}

/** A fresh order as a merchant fills mixpayjs's OneTimePaymentLinkParams: amounts are strings. */
function order(extra = {}) {
  return {
    payeeId: PAYEE,
    quoteAmount: '10',
    quoteAssetId: 'usd',
    settlementAssetId: BTC,
    orderId: 'mixpayjs-' + randomUUID().slice(0, 8),
    ...extra,
  };
}

/** What a rejected promise rejected with. */
async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to be rejected');
}

afterEach(() => mock.errorStyle('mapped'));


// The journal holds every request the mock saw, forms from other clients included.
function jsonOrderId(body) {
  try {
    return JSON.parse(body).orderId;
  } catch {
    return undefined;
  }
}

test('creates a payment from the exact JSON body mixpayjs sends (quoteAmount "10" as a string)', async () => {
  const params = order({ origin: 'shop.example.com', linkId: 'link-1' });

  const created = await client().createOneTimePaymentLink({ ...params });

  assert.deepEqual(Object.keys(created), ['code']);
  assert.match(created.code, UUID);
  const sent = (await mock.lastExchange('/v1/one_time_payment')).request;
  assert.equal(sent.headers['Content-Type'], 'application/json;charset=UTF-8');
  // mixpayjs adds isTemp itself; origin and linkId are extra fields MixPay ignores.
  assert.deepEqual(JSON.parse(sent.body), { ...params, isTemp: true });
});

test('text beyond ASCII arrives as sent (UTF-8 JSON)', async () => {
  const remark = 'Kaffee ☕ für Müller, 東京 🚀';
  const params = order({ remark });

  const { code } = await client().createOneTimePaymentLink({ ...params });

  const payments = await mock.admin('GET', '/mixpay/payments');
  const ours = payments.find((p) => p.code === code);
  assert.equal(ours.parameters.remark, remark);
});

test('a traceId becomes the code', async () => {
  const traceId = randomUUID();

  const created = await client().createOneTimePaymentLink(order({ orderId: undefined, traceId }));

  assert.deepEqual(created, { code: traceId });
});

test('reads the result by traceId, and by orderId with payeeId once paid', async () => {
  const mixpay = client();
  const params = order({ quoteAmount: '12.5' });
  const { code } = await mixpay.createOneTimePaymentLink({ ...params });

  const unpaid = await mixpay.getPaymentResult(code);
  assert.deepEqual(unpaid, {
    status: 'unpaid',
    payeeId: PAYEE,
    traceId: code,
    quoteAmount: '12.5',
    quoteAssetId: 'usd',
    quoteSymbol: 'USD',
    failureCode: '0',
    failureReason: '',
  });

  await mock.payInFull(code);
  const paid = await mixpay.getPaymentResult(undefined, params.orderId, PAYEE);
  assert.equal(paid.status, 'success');
  assert.equal(paid.traceId, code);
  assert.equal(paid.quoteAmount, '12.5');
  assert.equal(paid.payeeId, PAYEE);
});

test('an idempotent repeat gets the same code, with the amount as a string or a number', async () => {
  const mixpay = client();
  const params = order();

  const first = await mixpay.createOneTimePaymentLink({ ...params });
  const again = await mixpay.createOneTimePaymentLink({ ...params });
  const asNumber = await mixpay.createOneTimePaymentLink({ ...params, quoteAmount: 10 });

  assert.deepEqual(again, first);
  assert.deepEqual(asNumber, first);
});

test('a create that times out is sent again by mixpayjs; the repeat finds the same payment', async () => {
  // mixpayjs resends a request that timed out, unchanged and without limit. The mock acts on
  // the first attempt and answers it too late; the resend is an idempotent repeat.
  const mixpay = client();
  mixpay.request.defaults.timeout = 800;
  const params = order();
  await mock.admin('POST', '/mixpay/next', { orderId: params.orderId, delayMs: 2000 });

  const created = await mixpay.createOneTimePaymentLink({ ...params });

  const journal = await mock.admin('GET', '/requests');
  const attempts = journal.requests.filter((e) => e.request.url === '/v1/one_time_payment'
      && jsonOrderId(e.request.body) === params.orderId);
  assert.ok(attempts.length >= 2, `${attempts.length} attempt(s)`); // more on a slow machine
  const payments = await mock.admin('GET', '/mixpay/payments');
  const ours = payments.filter((p) => p.orderId === params.orderId);
  assert.deepEqual(ours.map((p) => p.code), [created.code]);
});

test('mapped errors (4xx): a conflict rejects with axios\'s error, the envelope in response.data', async () => {
  const mixpay = client();
  const params = order();
  await mixpay.createOneTimePaymentLink({ ...params });

  const e = await rejection(mixpay.createOneTimePaymentLink({ ...params, quoteAmount: '11' }));

  assert.equal(e.name, 'AxiosError');
  assert.equal(e.message, 'Request failed with status code 409');
  assert.equal(e.response.status, 409);
  assertEnvelope(e.response.data, 10020);
});

test('mapped errors (4xx): a refused parameter keeps its code in response.data', async () => {
  const e = await rejection(client().createOneTimePaymentLink(
      order({ callbackUrl: 'http://shop.example.com/mixpay/callback' })));

  assert.equal(e.name, 'AxiosError');
  assert.equal(e.response.status, 400);
  assertEnvelope(e.response.data, 10061);
});

test('string amounts follow the rules of numbers: above 0, plain notation', async () => {
  const mixpay = client();
  for (const quoteAmount of ['0', '-1', '1E3', '0x10', '10 USD']) {
    const e = await rejection(mixpay.createOneTimePaymentLink(order({ quoteAmount })));

    assert.equal(e.response?.status, 400, quoteAmount);
    assertEnvelope(e.response.data, 1017);
    assert.match(e.response.data.message, /quoteAmount: /, quoteAmount);
  }
  const tiny = await mixpay.createOneTimePaymentLink(order({ quoteAmount: '0.00000001', quoteAssetId: BTC }));
  assert.match(tiny.code, UUID);
});

test('HTTP-200 errors: mixpayjs rejects with Error(message), and the code is lost', async () => {
  const mixpay = client();
  const params = order();
  await mixpay.createOneTimePaymentLink({ ...params });
  await mock.errorStyle('http-200');

  const conflict = await rejection(mixpay.createOneTimePaymentLink({ ...params, quoteAmount: '11' }));
  const answer = (await mock.lastExchange('/v1/one_time_payment')).response;
  const envelope = JSON.parse(answer.body);

  assert.equal(answer.status, 200);

  assertEnvelope(envelope, 10020);
  assert.equal(Object.getPrototypeOf(conflict), Error.prototype);
  assert.equal(conflict.message, envelope.message);
  assert.deepEqual(Object.keys(conflict), []); // no code, no response: only the message
});

test('HTTP-200 errors: a refused parameter is also Error(message); success is unchanged', async () => {
  const mixpay = client();
  await mock.errorStyle('http-200');

  const refused = await rejection(mixpay.createOneTimePaymentLink(order({ quoteAmount: '1E3' })));
  const created = await mixpay.createOneTimePaymentLink(order());

  assert.equal(Object.getPrototypeOf(refused), Error.prototype);
  assert.match(refused.message, /^Parameter error\. quoteAmount: /);
  assert.match(created.code, UUID);
});

function assertEnvelope(envelope, code) {
  assert.deepEqual(Object.keys(envelope), ['code', 'success', 'message', 'data', 'timestampMs']);
  assert.equal(envelope.code, code);
  assert.equal(envelope.success, false);
  assert.equal(typeof envelope.message, 'string');
  assert.deepEqual(envelope.data, []);
  assert.equal(typeof envelope.timestampMs, 'number');
}
