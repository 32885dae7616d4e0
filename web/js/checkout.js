// checkout.html: contact → address → review (payment method, terms) → order placed → payment. Guests give an e-mail;
// logged-in users pick from addresses saved on this device. Payment: the payments sandbox's test-card form (or PayPal
// sandbox approval) when GET /api/payment/config says sandbox; Stripe.js v3 / the PayPal JS SDK with real credentials.
import { api, esc, money, siteHeader, say, auth, guestOrders, refreshCartCount, lineName } from './api.js';

const $ = (id) => document.getElementById(id);
const state = { order: null, token: null, config: null, intent: null };
const user = auth.user();

function show(step) {
  [1, 2, 3, 4].forEach((n) => { $('step-' + n).hidden = n !== step; });
  document.querySelectorAll('#steps li').forEach((li) => {
    if (Number(li.dataset.step) === step) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
  });
  const first = $('step-' + step).querySelector('input:not([type=hidden]), button');
  first?.focus();
}

const addressKey = () => 'shop.addresses.' + (user?.user_id || 'guest');
const savedAddresses = () => { try { return JSON.parse(localStorage.getItem(addressKey()) || '[]'); } catch { return []; } };

function address(prefix) {
  const v = (id) => $(prefix + '-' + id).value.trim();
  return { name: v('name'), line1: v('line1'), line2: prefix === 'ship' ? (v('line2') || undefined) : undefined, city: v('city'),
    state: v('state') || undefined, postal_code: v('postal'), country: v('country').toUpperCase() };
}

function fillAddress(a) {
  $('ship-name').value = a.name || ''; $('ship-line1').value = a.line1 || ''; $('ship-line2').value = a.line2 || '';
  $('ship-city').value = a.city || ''; $('ship-state').value = a.state || ''; $('ship-postal').value = a.postal_code || '';
  $('ship-country').value = a.country || 'US';
}

async function summary() {
  const cart = await api('/api/cart');
  $('summary-lines').innerHTML = cart.items.map((l) => `<li>${esc(lineName(l))} × ${l.quantity} <span class="price">${money(l.line_total)}</span></li>`).join('');
  if (cart.items.length === 0 && !state.order) { say('Your cart is empty.', 'error'); $('to-address').disabled = true; }
  const body = {};
  const code = $('co-discount').value.trim();
  if (code) body.discount_code = code;
  if ($('ship-postal').value.trim() && /^[A-Za-z]{2}$/.test($('ship-country').value.trim())) {
    body.shipping_address = { ...address('ship'), name: $('ship-name').value.trim() || 'x', line1: $('ship-line1').value.trim() || 'x', city: $('ship-city').value.trim() || 'x' };
  }
  try {
    const q = await api('/api/cart/quote', { method: 'POST', body });
    $('totals').innerHTML = `<div><span>Subtotal</span><span>${money(q.subtotal)}</span></div>
      ${q.discount ? `<div><span>Discount</span><span>−${money(q.discount)}</span></div>` : ''}
      <div><span>Tax</span><span>${money(q.tax)}</span></div><div><span>Shipping</span><span>${q.shipping ? money(q.shipping) : 'Free'}</span></div>
      <div class="grand"><span>Total</span><span id="summary-total">${money(q.total)}</span></div>`;
  } catch (e) { say(e.message, 'error'); }
}

function orderHeaders() {
  return state.token ? { 'X-Order-Token': state.token } : {};
}

/** The order processor reserves stock asynchronously: wait until the order can be paid (or was cancelled). */
async function waitPayable() {
  for (let i = 0; i < 60; i++) {
    const order = await api('/api/orders/' + encodeURIComponent(state.order.order_id), { headers: orderHeaders() });
    if (order.order_status === 'awaiting_payment') return order;
    if (order.order_status === 'cancelled') throw new Error(order.cancel_reason === 'out_of_stock' ? 'Sorry, part of your order just sold out; nothing was charged.' : 'The order was cancelled.');
    if (order.payment_status === 'paid') return order;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The order is taking long to reserve; try paying from your orders page.');
}

/** Paid: on to the order's confirmation page (a guest's order token is kept on this device, see guestOrders). */
function finished(message) {
  say(message);
  location.href = '/confirmation.html?order=' + encodeURIComponent(state.order.order_id) + '&paid=1';
}

const confirmOnServer = () => api('/api/payment/stripe/confirm', { method: 'POST', headers: orderHeaders(),
  body: { order_id: state.order.order_id, payment_intent_id: state.intent.payment_intent_id } });

async function stripeConfirmOnServer() {
  const result = await confirmOnServer();
  finished('Payment received, thank you! Your order is confirmed.');
  return result;
}

/** What Stripe.js does for a card, against the sandbox: confirm the PaymentIntent with the test payment method. */
async function paySandboxCard(event) {
  event.preventDefault();
  const number = $('card-number').value.replace(/\D/g, '');
  const pm = state.config.stripe?.test_cards?.[number];
  if (!pm) { say('Use one of the sandbox test cards shown above.', 'error'); return; }
  if (!/^(0[1-9]|1[0-2])\/\d\d$/.test($('card-expiry').value.trim())) { say('Expiry must look like 12/30.', 'error'); return; }
  $('pay-card').disabled = true;
  try {
    await waitPayable();
    state.intent = await api('/api/payment/stripe/intent', { method: 'POST', headers: { ...orderHeaders(), 'Idempotency-Key': 'intent-' + state.order.order_id },
      body: { order_id: state.order.order_id } });
    const base = state.config.stripe.api_base || '/sandbox/stripe';
    const response = await fetch(`${base}/v1/payment_intents/${encodeURIComponent(state.intent.payment_intent_id)}/confirm`, {
      method: 'POST', headers: { Authorization: 'Bearer ' + (state.intent.publishable_key || state.config.stripe.publishable_key), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ payment_method: pm, client_secret: state.intent.client_secret }) });
    const intent = await response.json();
    if (!response.ok) {
      // the shopper stays on this step to try another card; the server is told so the order shows the failed attempt
      say((intent?.error?.message || 'Your card was declined.') + ' Try another card.', 'error');
      await confirmOnServer().catch(() => {});
      return;
    }
    if (intent.status === 'requires_action') {
      state.threeDsUrl = new URL(intent.next_action.redirect_to_url.url, location.href).pathname;
      $('three-ds').hidden = false;
      say('Your bank needs you to confirm this payment.');
      $('three-ds-ok').focus();
      return;
    }
    await stripeConfirmOnServer();
  } catch (e) {
    say(e.message, 'error');
  } finally {
    $('pay-card').disabled = false;
  }
}

async function threeDs(outcome) {
  $('three-ds').hidden = true;
  try {
    await fetch(state.threeDsUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: outcome ? new URLSearchParams({ outcome }) : undefined });
    await stripeConfirmOnServer();
  } catch (e) { say(e.message, 'error'); }
}

async function payPalSandbox() {
  $('pay-paypal-sandbox').disabled = true;
  try {
    await waitPayable();
    const created = await api('/api/payment/paypal/create', { method: 'POST', headers: { ...orderHeaders(), 'Idempotency-Key': 'paypal-' + state.order.order_id },
      body: { order_id: state.order.order_id } });
    const approve = await fetch(new URL(created.approve_url, location.href).pathname + new URL(created.approve_url, location.href).search, { method: 'POST' });
    if (!approve.ok) throw new Error('PayPal did not approve the payment.');
    await api('/api/payment/paypal/capture', { method: 'POST', headers: { ...orderHeaders(), 'Idempotency-Key': 'capture-' + state.order.order_id },
      body: { order_id: state.order.order_id, paypal_order_id: created.paypal_order_id } });
    finished('Payment received, thank you! Your order is confirmed.');
  } catch (e) { say(e.message, 'error'); $('pay-paypal-sandbox').disabled = false; }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src; s.onload = resolve; s.onerror = () => reject(new Error('Could not load ' + new URL(src).host));
    document.head.append(s);
  });
}

/** Real credentials: Stripe.js v3 card element, or the PayPal JS SDK buttons. */
async function livePayment(method) {
  await waitPayable();
  if (method === 'stripe') {
    await loadScript('https://js.stripe.com/v3/');
    state.intent = await api('/api/payment/stripe/intent', { method: 'POST', headers: { ...orderHeaders(), 'Idempotency-Key': 'intent-' + state.order.order_id },
      body: { order_id: state.order.order_id } });
    const stripe = window.Stripe(state.config.stripe.publishable_key);
    const card = stripe.elements().create('card');
    card.mount('#stripe-card-element');
    $('stripe-live').hidden = false;
    $('pay-stripe-live').addEventListener('click', async () => {
      const result = await stripe.confirmCardPayment(state.intent.client_secret, { payment_method: { card } });
      if (result.error) { say(result.error.message, 'error'); return; }
      await stripeConfirmOnServer();
    });
  } else {
    await loadScript('https://www.paypal.com/sdk/js?client-id=' + encodeURIComponent(state.config.paypal.client_id) + '&currency=USD');
    $('paypal-buttons').hidden = false;
    let paypalOrderId;
    window.paypal.Buttons({
      createOrder: async () => {
        const created = await api('/api/payment/paypal/create', { method: 'POST', headers: orderHeaders(), body: { order_id: state.order.order_id } });
        paypalOrderId = created.paypal_order_id;
        return paypalOrderId;
      },
      onApprove: async () => {
        await api('/api/payment/paypal/capture', { method: 'POST', headers: orderHeaders(), body: { order_id: state.order.order_id, paypal_order_id: paypalOrderId } });
        finished('Payment received, thank you! Your order is confirmed.');
      },
    }).render('#paypal-buttons');
  }
}

async function startPayment(method) {
  show(4);
  $('order-ref').innerHTML = `Order <strong id="order-number">${esc(state.order.order_number)}</strong> is placed: total <strong>${money(state.order.total)}</strong>.`;
  try {
    state.config = await api('/api/payment/config');
  } catch (e) {
    $('payment-unavailable').hidden = false;
    say(e.status === 404 ? 'Online payment is not set up on this shop yet.' : e.message, 'error');
    return;
  }
  const sandbox = (method === 'stripe' ? state.config.stripe?.mode : state.config.paypal?.mode) === 'sandbox' || state.config.mode === 'sandbox';
  if (sandbox) {
    $('ssl-text').textContent = 'Secure checkout (sandbox: test payments only)';
    if (method === 'stripe') { $('sandbox-card').hidden = false; $('card-number').focus(); } else { $('paypal-sandbox').hidden = false; }
  } else {
    livePayment(method).catch((e) => say(e.message, 'error'));
  }
}

async function placeOrder(event) {
  event.preventDefault();
  if (!$('accept-terms').checked) { say('Please accept the terms of sale.', 'error'); return; }
  const method = document.querySelector('input[name=payment_method]:checked').value;
  const shipping = address('ship');
  const billing = $('billing-same').checked ? { ...shipping, line2: undefined } : address('bill');
  const body = { shipping_address: shipping, billing_address: billing, payment_method: method, accept_terms: true };
  if (!user) body.email = $('email').value.trim();
  const code = $('co-discount').value.trim();
  if (code) body.discount_code = code;
  $('place-order').disabled = true;
  try {
    const key = sessionStorage.getItem('shop.checkoutKey') || crypto.getRandomValues(new Uint32Array(4)).join('-');
    sessionStorage.setItem('shop.checkoutKey', key);
    state.order = await api('/api/orders/create', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
    sessionStorage.removeItem('shop.checkoutKey');
    if (state.order.access_token) { state.token = state.order.access_token; guestOrders.add(state.order.order_id, state.token); }
    localStorage.removeItem('shop.discountCode');
    refreshCartCount();
    await startPayment(method);
  } catch (e) {
    const fields = (e.details || []).map((d) => `${d.field} ${d.problem}`).join('; ');
    say(e.message + (fields ? ' (' + fields + ')' : ''), 'error');
  } finally {
    $('place-order').disabled = false;
  }
}

siteHeader('cart');
// a logged-in order goes to the account's e-mail: the guest field is disabled so the browser does not require it
if (user) { $('logged-in').hidden = false; $('who').textContent = user.name || user.email; $('email').disabled = true; } else { $('guest').hidden = false; }
const saved = savedAddresses();
if (saved.length) {
  $('saved-wrap').hidden = false;
  $('saved-addresses').innerHTML = '<option value="">Enter a new address</option>'
    + saved.map((a, i) => `<option value="${i}">${esc(a.name)}, ${esc(a.line1)}, ${esc(a.city)} ${esc(a.postal_code)} ${esc(a.country)}</option>`).join('');
  $('saved-addresses').addEventListener('change', (e) => { if (e.target.value !== '') fillAddress(saved[Number(e.target.value)]); });
  fillAddress(saved[0]);
  $('saved-addresses').value = '0';
}
$('co-discount').value = localStorage.getItem('shop.discountCode') || '';
$('step-1').addEventListener('submit', (e) => { e.preventDefault(); show(2); });
$('step-2').addEventListener('submit', (e) => {
  e.preventDefault();
  const a = address('ship');
  if ($('save-address').checked) {
    const others = savedAddresses().filter((s) => JSON.stringify(s) !== JSON.stringify(a));
    localStorage.setItem(addressKey(), JSON.stringify([a, ...others].slice(0, 5)));
  }
  $('ship-summary').textContent = `Ships to ${a.name}, ${a.line1}, ${a.city} ${a.postal_code}, ${a.country}`;
  summary();
  show(3);
});
$('billing-same').addEventListener('change', (e) => { $('billing').hidden = e.target.checked; });
$('co-discount').addEventListener('change', summary);
$('step-3').addEventListener('submit', placeOrder);
$('sandbox-card').addEventListener('submit', paySandboxCard);
$('pay-paypal-sandbox').addEventListener('click', payPalSandbox);
$('three-ds-ok').addEventListener('click', () => threeDs());
$('three-ds-fail').addEventListener('click', () => threeDs('fail'));
document.querySelectorAll('[data-back]').forEach((b) => b.addEventListener('click', () => show(Number(b.dataset.back))));
const payFor = new URLSearchParams(location.search).get('pay');
if (payFor) {
  // paying later for an order already placed (from orders.html)
  state.token = guestOrders.token(payFor) || null;
  api('/api/orders/' + encodeURIComponent(payFor), { headers: orderHeaders() }).then((order) => {
    state.order = order;
    $('summary-lines').innerHTML = (order.items || []).map((l) => `<li>${esc(lineName(l))} × ${l.quantity} <span class="price">${money(l.line_total)}</span></li>`).join('');
    $('totals').innerHTML = `<div class="grand"><span>Total</span><span id="summary-total">${money(order.total)}</span></div>`;
    document.body.dataset.loaded = 'true';
    return startPayment(order.payment_method || 'stripe');
  }).catch((e) => say(e.message, 'error'));
} else {
  summary().then(() => { document.body.dataset.loaded = 'true'; });
}
