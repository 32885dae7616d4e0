// orders.html: order history with status badges, a details dialog, reorder, tracking, invoice PDF, digital downloads,
// links to review what was bought, and cancelling an unpaid order. Guests see the orders placed from this device.
import { api, esc, money, siteHeader, say, auth, guestOrders, params, download, addToCart, statusBadge, addressLine, stateHtml, showError, lineName } from './api.js';

const tbody = document.getElementById('orders');
const user = auth.user();
let orders = [];

const headersFor = (o) => { const t = guestOrders.token(o.order_id); return t ? { 'X-Order-Token': t } : {}; };

// the link in a guest's mail: orders.html?order=<id>&token=<token> opens that order on any device; the token is kept
// with this device's guest orders and taken out of the address bar
const linked = { id: params().get('order'), token: params().get('token') };
if (linked.id && linked.token) {
  guestOrders.add(linked.id, linked.token);
  const clean = new URLSearchParams(location.search); clean.delete('token');
  history.replaceState(null, '', location.pathname + '?' + clean);
}

const TRACKERS = {
  ups: (n) => 'https://www.ups.com/track?tracknum=' + encodeURIComponent(n),
  usps: (n) => 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' + encodeURIComponent(n),
  fedex: (n) => 'https://www.fedex.com/fedextrack/?trknbr=' + encodeURIComponent(n),
  dhl: (n) => 'https://www.dhl.com/en/express/tracking.html?AWB=' + encodeURIComponent(n),
};
function tracking(o) {
  if (!o.tracking_number) return '';
  const url = TRACKERS[String(o.carrier || '').toLowerCase()]?.(o.tracking_number);
  return url ? `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer" class="track">Track shipment (${esc(o.carrier)} ${esc(o.tracking_number)})</a>`
    : `<span class="track">${esc(o.carrier || 'Carrier')} tracking number ${esc(o.tracking_number)}</span>`;
}

function row(o) {
  const paid = o.payment_status === 'paid' || o.payment_status === 'partially_refunded';
  return `<tr data-order-id="${esc(o.order_id)}">
    <td><button type="button" class="linkish-dark details secondary" data-id="${esc(o.order_id)}">${esc(o.order_number)}</button></td>
    <td>${esc((o.order_date || '').slice(0, 10))}</td>
    <td class="order-status">${statusBadge(o.order_status)}</td>
    <td class="payment-status">${statusBadge(o.payment_status)}</td>
    <td class="num">${money(o.total)}</td>
    <td class="actions" style="display:flex;gap:.3rem;flex-wrap:wrap">
      <button type="button" class="secondary reorder" data-id="${esc(o.order_id)}">Reorder</button>
      <button type="button" class="secondary invoice" data-id="${esc(o.order_id)}">Invoice (PDF)</button>
      ${paid && (o.digital_downloads || []).length ? `<button type="button" class="secondary downloads" data-id="${esc(o.order_id)}">Downloads</button>` : ''}
      ${o.order_status === 'awaiting_payment' && o.payment_status !== 'paid' ? `<a class="button pay" href="/checkout.html?pay=${encodeURIComponent(o.order_id)}">Pay now</a>` : ''}
      ${['pending', 'awaiting_payment'].includes(o.order_status) ? `<button type="button" class="secondary cancel" data-id="${esc(o.order_id)}">Cancel</button>` : ''}
      ${tracking(o)}
    </td></tr>`;
}

async function load() {
  if (user) {
    const page = await api('/api/orders?page_size=100');
    orders = page.items;
    // a guest order opened from its mail link while logged in
    if (linked.token && !orders.some((o) => o.order_id === linked.id)) {
      const guestOrder = await api('/api/orders/' + encodeURIComponent(linked.id), { headers: { 'X-Order-Token': linked.token } }).catch(() => null);
      if (guestOrder) orders.unshift(guestOrder);
    }
  } else {
    document.getElementById('guest-note').hidden = false;
    const found = await Promise.all(guestOrders.all().map((g) =>
      api('/api/orders/' + encodeURIComponent(g.order_id), { headers: { 'X-Order-Token': g.access_token } }).catch(() => null)));
    orders = found.filter(Boolean);
  }
  tbody.innerHTML = orders.length ? orders.map(row).join('') : `<tr><td colspan="6" class="state-cell">${stateHtml({ title: 'No orders yet',
    text: user ? 'When you order, your orders, their status and invoices show up here.' : 'Orders placed from this device show up here; log in to see your account\'s orders.',
    action: '<a class="button" href="/shop.html">Start shopping</a>' })}</td></tr>`;
  tbody.removeAttribute('aria-busy');
  document.body.dataset.loaded = 'true';
}

async function details(id) {
  const o = orders.find((x) => x.order_id === id) || await api('/api/orders/' + encodeURIComponent(id), { headers: headersFor({ order_id: id }) });
  const a = o.shipping_address || {};
  document.getElementById('od-body').innerHTML = `
    <h2 id="od-title">Order ${esc(o.order_number)}</h2>
    <p>${statusBadge(o.order_status)} ${statusBadge(o.payment_status)} <span class="muted">placed ${esc((o.order_date || '').replace('T', ' ').slice(0, 16))}</span></p>
    <div class="table-wrap"><table><thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Price</th><th scope="col"></th></tr></thead><tbody>
    ${(o.items || []).map((l) => `<tr><td><a href="/product.html?id=${encodeURIComponent(l.product_id)}">${esc(lineName(l))}</a></td><td class="num">${l.quantity}</td><td class="num">${money(l.line_total)}</td>
      <td>${user ? `<a class="review-link" href="/product.html?id=${encodeURIComponent(l.product_id)}#review-form">Leave a review</a>` : ''}</td></tr>`).join('')}
    </tbody></table></div>
    <div class="totals"><div><span>Subtotal</span><span>${money(o.subtotal)}</span></div>${o.discount ? `<div><span>Discount</span><span>−${money(o.discount)}</span></div>` : ''}
      <div><span>Tax</span><span>${money(o.tax)}</span></div><div><span>Shipping</span><span>${money(o.shipping)}</span></div>
      <div class="grand"><span>Total</span><span>${money(o.total)}</span></div></div>
    <p><strong>Ships to</strong> ${esc(addressLine(a))}</p>
    <p>${tracking(o) || '<span class="muted">No tracking number yet.</span>'}</p>
    ${o.cancel_reason ? `<p class="muted">Cancelled: ${esc(o.cancel_reason)}</p>` : ''}
    <div id="od-downloads"></div>`;
  document.getElementById('order-dialog').showModal();
}

async function downloads(id) {
  const o = orders.find((x) => x.order_id === id);
  const result = await api(`/api/orders/${encodeURIComponent(id)}/downloads`, { headers: headersFor(o) });
  await details(id);
  document.getElementById('od-downloads').innerHTML = '<h3>Downloads</h3><ul>' + result.downloads.map((d) =>
    `<li><a href="${esc(d.url)}">${esc(d.name)}</a> <span class="muted">(link valid until ${esc(d.expires_at.slice(11, 16))} UTC)</span></li>`).join('') + '</ul>';
}

async function reorder(id) {
  const o = orders.find((x) => x.order_id === id);
  let added = 0;
  for (const l of o.items || []) {
    if (await addToCart(l.product_id, l.quantity, lineName(l), { variantId: l.variant_id })) added++;
  }
  if (added) { say(`${added} item${added === 1 ? '' : 's'} added to your cart.`); setTimeout(() => { location.href = '/cart.html'; }, 400); }
}

tbody.addEventListener('click', async (e) => {
  const b = e.target.closest('button');
  if (!b) return;
  const id = b.dataset.id;
  const o = orders.find((x) => x.order_id === id);
  try {
    if (b.classList.contains('details')) await details(id);
    if (b.classList.contains('reorder')) await reorder(id);
    if (b.classList.contains('downloads')) await downloads(id);
    if (b.classList.contains('invoice')) { await download(`/api/orders/${encodeURIComponent(id)}/invoice`, `invoice-${o.order_number}.pdf`, headersFor(o)); say('Invoice downloaded.'); }
    if (b.classList.contains('cancel')) {
      if (!confirm('Cancel this order?')) return;
      await api(`/api/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers: headersFor(o) });
      say('Order cancelled.');
      await load();
    }
  } catch (err) { say(err.message, 'error'); }
});

siteHeader('orders');
function start() {
  load().then(() => {
    const id = params().get('order');
    if (id) details(id).catch(() => {});
  }).catch((e) => {
    showError(tbody, e, start, (html) => `<tr><td colspan="6" class="state-cell">${html}</td></tr>`);
    document.body.dataset.loaded = 'true';
  });
}
start();
