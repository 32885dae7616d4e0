// confirmation.html?order=<id>: where checkout lands once the order is placed (and paid). Order number, lines, the totals
// as the server worked them out, the address and the next step for the order's status; a guest's order is read with the
// order token kept on this device, or given in the link (?token=, as in the order mail), like orders.html does.
import { api, esc, money, imageSrc, siteHeader, say, guestOrders, params, download, statusBadge, totalsHtml, addressLine, lineName } from './api.js';

const $ = (id) => document.getElementById(id);
const id = params().get('order');
const linkedToken = params().get('token');
if (id && linkedToken) {
  guestOrders.add(id, linkedToken);
  const clean = new URLSearchParams(location.search); clean.delete('token');
  history.replaceState(null, '', location.pathname + '?' + clean);
}
const headers = () => { const t = guestOrders.token(id); return t ? { 'X-Order-Token': t } : {}; };
const isPaid = (o) => o.payment_status === 'paid' || o.payment_status === 'partially_refunded';
const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function heading(o) {
  if (o.order_status === 'cancelled') return 'This order is cancelled';
  return isPaid(o) ? 'Thank you, your order is confirmed' : 'Thank you, your order is placed';
}

/** The next step depends on where the order is: still reserving, waiting for the payment, paid, or cancelled. */
function nextSteps(o) {
  const digital = (o.items || []).some((l) => l.digital_download);
  const ships = (o.items || []).some((l) => !l.digital_download);
  if (o.order_status === 'cancelled') {
    return `<p>${o.cancel_reason === 'out_of_stock' ? 'Part of the order sold out before it could be reserved.' : 'The order was cancelled.'}
      ${isPaid(o) || o.refunded_cents ? 'Any payment is refunded to the card or account it came from.' : 'Nothing was charged.'}</p>
      <p><a class="button" href="/shop.html">Back to the shop</a></p>`;
  }
  if (!isPaid(o)) {
    if (o.order_status === 'pending') return '<p>We are reserving your items; this takes a moment.</p>';
    return `<p>Your items are reserved for you${o.reserved_until ? ` until <strong>${esc(time(o.reserved_until))}</strong>` : ''}.
      Pay to confirm the order; unpaid orders are cancelled after that and nothing is charged.</p>
      <p><a class="button" id="pay-now" href="/checkout.html?pay=${encodeURIComponent(o.order_id)}">Pay now</a></p>`;
  }
  const steps = [`Payment received${o.payment_provider ? ` via ${esc(o.payment_provider === 'paypal' ? 'PayPal' : 'card')}` : ''}: a confirmation is on its way to ${esc(o.user_email || 'your inbox')}.`];
  if (ships) {
    steps.push(o.tracking_number ? `Shipped with ${esc(o.carrier || 'the carrier')}, tracking number ${esc(o.tracking_number)}.`
      : 'We pack your order and e-mail you the tracking number when it ships.');
  }
  if (digital) {
    steps.push(`Your downloads are ready now. <button type="button" class="secondary" id="get-downloads">Get your downloads</button>
      <ul id="downloads" class="downloads"></ul>`);
  }
  return `<ol class="next-list">${steps.map((s) => `<li>${s}</li>`).join('')}</ol>`;
}

function render(o) {
  document.title = `Order ${o.order_number} - Camel Shop`;
  $('heading').textContent = heading(o);
  $('order-ref').innerHTML = `Order <strong id="order-number">${esc(o.order_number)}</strong>
    <span class="muted">placed ${esc((o.order_date || '').replace('T', ' ').slice(0, 16))} UTC</span>
    <span id="order-status">${statusBadge(o.order_status)}</span> <span id="payment-status">${statusBadge(o.payment_status)}</span>`;
  $('next').innerHTML = nextSteps(o);
  $('lines').innerHTML = (o.items || []).map((l) => `<li>
      <img src="${esc(imageSrc(null, null, l.product_id))}" alt="" width="64" height="48">
      <span class="line-name"><a href="/product.html?id=${encodeURIComponent(l.product_id)}">${esc(lineName(l))}</a>
        <span class="muted">Qty ${l.quantity} × ${money(l.unit_price)}${l.digital_download ? ' · digital download' : ''}</span></span>
      <span class="price">${money(l.line_total)}</span></li>`).join('');
  $('totals').innerHTML = totalsHtml(o);
  const ships = (o.items || []).some((l) => !l.digital_download);
  $('ship-to').textContent = ships ? addressLine(o.shipping_address) : 'Nothing to ship: digital items only.';
  $('order-link').href = '/orders.html?order=' + encodeURIComponent(o.order_id);
  $('get-downloads')?.addEventListener('click', () => downloads(o));
  $('confirmation').setAttribute('aria-busy', 'false');
}

async function downloads(o) {
  try {
    const result = await api(`/api/orders/${encodeURIComponent(o.order_id)}/downloads`, { headers: headers() });
    $('downloads').innerHTML = result.downloads.map((d) => `<li><a href="${esc(d.url)}">${esc(d.name)}</a>
      <span class="muted">(link valid until ${esc(d.expires_at.slice(11, 16))} UTC)</span></li>`).join('');
  } catch (e) { say(e.message, 'error'); }
}

const load = () => api('/api/orders/' + encodeURIComponent(id), { headers: headers(), fresh: true });

/** Reserving and confirming a payment happen on queues: follow the order (with a deadline) until it settles. */
async function follow(order) {
  const settling = (o) => o.order_status === 'pending' || (params().get('paid') && o.order_status === 'awaiting_payment' && !isPaid(o));
  for (let i = 0; i < 40 && settling(order); i++) {
    await new Promise((r) => setTimeout(r, 750));
    order = await load();
    render(order);
  }
}

siteHeader('orders');
$('invoice').addEventListener('click', async () => {
  try { await download(`/api/orders/${encodeURIComponent(id)}/invoice`, `invoice-${$('order-number').textContent}.pdf`, headers()); say('Invoice downloaded.'); }
  catch (e) { say(e.message, 'error'); }
});
if (!id) {
  $('heading').textContent = 'No order chosen';
  $('confirmation').setAttribute('aria-busy', 'false');
  say('Open an order from your orders page.', 'error');
  document.body.dataset.loaded = 'true';
} else {
  load().then((order) => {
    render(order);
    document.body.dataset.loaded = 'true';
    return follow(order);
  }).catch((e) => {
    $('heading').textContent = e.status === 404 || e.status === 403 || e.status === 401 ? 'Order not found' : 'The order could not be loaded';
    $('next').innerHTML = e.status >= 500 || !e.status
      ? '<p>The shop could not be reached. Your order is safe; try again in a moment.</p><p><button type="button" id="retry">Try again</button></p>'
      : '<p>This order is not on this device. Open it from the link in your order e-mail, or <a href="/login.html?next=/orders.html">log in</a>.</p>';
    $('retry')?.addEventListener('click', () => location.reload());
    $('lines').innerHTML = '';
    $('confirmation').setAttribute('aria-busy', 'false');
    document.body.dataset.loaded = 'true';
  });
}
