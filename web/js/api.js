// Shared by every page: the REST API client, the signed-in user, the guest session id, escaping and the site header.
// Every piece of user or catalog text goes into the page through esc() (or textContent), never as raw HTML.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or anything) made safe for HTML text and quoted attributes. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const moneyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
/** Integer cents as dollars. */
export const money = (cents) => moneyFormat.format((cents || 0) / 100);

const CATEGORY_PICTURE = /^\/images\/products\/[a-z-]+\.svg$/;
/** An uploaded picture: a site path or https URL other than the old category pictures. */
export const isUpload = (url) => typeof url === 'string' && !CATEGORY_PICTURE.test(url) && (/^\/[^/]/.test(url) || url.startsWith('https://'));

/**
 * A product's picture: its uploaded one if it has one, else its own generated artwork (view 1-3, drawn by the server
 * from its name and category); the category picture only where the product is not known.
 */
export function imageSrc(url, category, productId, view = 1) {
  if (isUpload(url)) return url;
  if (productId) return `/images/art/${encodeURIComponent(productId)}/${view}`;
  return '/images/products/' + String(category || 'books').toLowerCase().replace(/[^a-z]+/g, '-') + '.svg';
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The guest's cart session (SPEC §3: X-Session-Id, kept in localStorage). */
export function sessionId() {
  let id = localStorage.getItem('shop.session');
  if (!id) { id = uuid(); localStorage.setItem('shop.session', id); }
  return id;
}

export const auth = {
  token: () => localStorage.getItem('shop.token'),
  user: () => { try { return JSON.parse(localStorage.getItem('shop.user') || 'null'); } catch { return null; } },
  isAdmin: () => auth.user()?.role === 'admin',
  set(token, user) { localStorage.setItem('shop.token', token); localStorage.setItem('shop.user', JSON.stringify(user)); },
  clear() { localStorage.removeItem('shop.token'); localStorage.removeItem('shop.user'); },
};

/** Orders placed as a guest, with the access token each came with, so orders.html can show them. */
export const guestOrders = {
  all: () => { try { return JSON.parse(localStorage.getItem('shop.guestOrders') || '[]'); } catch { return []; } },
  add(orderId, token) {
    const all = guestOrders.all().filter((o) => o.order_id !== orderId);
    all.unshift({ order_id: orderId, access_token: token });
    localStorage.setItem('shop.guestOrders', JSON.stringify(all.slice(0, 50)));
  },
  token: (orderId) => guestOrders.all().find((o) => o.order_id === orderId)?.access_token,
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `Request failed (${status})`);
    this.status = status; this.code = body?.error; this.details = body?.details || [];
  }
}

/** Calls the API: JSON in and out, the session id and bearer token attached; non-2xx throws ApiError. {fresh} skips the HTTP cache. */
export async function api(path, { method = 'GET', body, headers = {}, raw = false, fresh = false } = {}) {
  const h = { 'X-Session-Id': sessionId(), ...headers };
  const token = auth.token();
  if (token) h.Authorization = 'Bearer ' + token;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob) && !(body instanceof ArrayBuffer)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // admins (and callers that just changed something) revalidate cached GETs: the ETag makes that a cheap 304
  const cache = fresh || auth.isAdmin() ? 'no-cache' : 'default';
  const response = await fetch(path, { method, headers: h, body: payload, cache });
  if (response.status === 401 && token) { auth.clear(); }
  if (!response.ok) {
    let err = null;
    try { err = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, err);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Downloads an authenticated file (invoice, CSV) by fetching it and saving the blob. */
export async function download(path, filename, headers = {}) {
  const response = await api(path, { raw: true, headers });
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** Announces a message in the page's live region (#status). */
export function say(message, kind = 'info') {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = message;
  region.dataset.kind = kind;
}

export async function refreshCartCount() {
  const badge = document.getElementById('cart-count');
  if (!badge) return;
  let count = 0;
  try { count = (await api('/api/cart', { fresh: true })).item_count || 0; } catch { /* shown as empty */ }
  badge.textContent = String(count);
  document.getElementById('cart-link')?.setAttribute('aria-label', `Cart, ${count} item${count === 1 ? '' : 's'}`);
}

const CART_ICON = '<svg class="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M3 4h2l2.4 11.2a1 1 0 0 0 1 .8h8.8a1 1 0 0 0 1-.8L20 8H6.2"/><circle cx="9" cy="20" r="1.4" fill="currentColor"/><circle cx="17" cy="20" r="1.4" fill="currentColor"/></svg>';

/** The site header: logo, navigation, cart count and the account link. */
export function siteHeader(active) {
  const header = document.getElementById('site-header');
  const user = auth.user();
  const link = (href, label, key) => `<a href="${href}"${active === key ? ' aria-current="page"' : ''}>${label}</a>`;
  header.innerHTML = `
    <a class="skip" href="#main">Skip to content</a>
    <a class="brand" href="/">Camel Shop</a>
    <nav aria-label="Main">
      ${link('/', 'Home', 'home')}
      ${link('/shop.html', 'Shop', 'shop')}
      <a href="/cart.html" id="cart-link" class="cart-link"${active === 'cart' ? ' aria-current="page"' : ''} aria-label="Cart">${CART_ICON}<span id="cart-count" class="count">0</span></a>
      ${link('/orders.html', 'Orders', 'orders')}
      ${user?.role === 'admin' ? link('/admin-shop.html', 'Admin', 'admin') + link('/admin-marketing.html', 'Marketing', 'marketing') : ''}
      ${user ? link('/preferences.html', 'Preferences', 'preferences') : ''}
      ${user ? `<span class="who">${esc(user.name || user.email)}</span> <button type="button" id="logout" class="linkish">Log out</button>`
        : link('/login.html', 'Log in', 'login')}
    </nav>`;
  // the cart icon opens the mini-cart in place; the cart page itself is where it leads without script
  if (active !== 'cart') {
    document.getElementById('cart-link').addEventListener('click', (event) => { event.preventDefault(); openMiniCart(); });
  }
  document.getElementById('logout')?.addEventListener('click', async () => {
    try { await api('/api/auth/logout', { method: 'POST' }); } catch { /* gone already */ }
    auth.clear();
    location.href = '/shop.html';
  });
  refreshCartCount();
}

/** A cart or order line's name with its variant: "Faith Over Fear Tee — M / Navy". */
export function lineName(l) {
  return l.variant ? `${l.name} — ${l.variant}` : l.name;
}

/**
 * Adds a product to the cart and says so: the live region, a toast with a link to the cart and, with {drawer}, the
 * mini-cart (product page, quick view), so the shopper sees the line, the subtotal and the way to checkout at once.
 */
export async function addToCart(productId, quantity = 1, name = 'Item', { drawer = false, variantId } = {}) {
  try {
    await api('/api/cart/add', { method: 'POST', body: { product_id: productId, variant_id: variantId, quantity } });
    track('/api/track/cart-add', { product_id: productId });
    say(`${name} added to your cart.`);
    if (drawer) await openMiniCart(name); else refreshCartCount();
    toast(name);
    return true;
  } catch (e) {
    say(e.message, 'error');
    return false;
  }
}

let toastTimer;
/** "Added <name> — View cart", bottom right for a few seconds; a popover, so it shows above an open dialog's backdrop. */
function toast(name) {
  let box = document.getElementById('toast');
  if (!box) {
    box = document.createElement('div');
    box.id = 'toast';
    box.className = 'toast';
    box.setAttribute('popover', 'manual');
    document.body.append(box);
  }
  box.innerHTML = `<span>Added <strong>${esc(name)}</strong></span> — <a href="/cart.html">View cart</a>`;
  // browsers without popovers show it as a fixed box (under an open dialog's backdrop, where the drawer says it too)
  const popover = typeof box.showPopover === 'function';
  const show = (on) => { if (!popover) { box.classList.add('fallback'); box.hidden = !on; } else if (on) box.showPopover(); else if (box.matches(':popover-open')) box.hidePopover(); };
  show(false);
  show(true);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => show(false), 5000);
}

function miniCartDialog() {
  let dialog = document.getElementById('mini-cart');
  if (dialog) return dialog;
  dialog = document.createElement('dialog');
  dialog.id = 'mini-cart';
  dialog.className = 'drawer';
  dialog.setAttribute('aria-labelledby', 'mc-title');
  dialog.innerHTML = `<div class="drawer-body">
      <div class="drawer-head"><h2 id="mc-title">Your cart</h2>
        <button type="button" class="secondary" id="mc-close" aria-label="Close the cart">✕</button></div>
      <p id="mc-added" class="added" hidden></p>
      <ul id="mc-lines" class="mc-lines"></ul>
      <div class="totals"><div class="grand"><span>Subtotal</span><span id="mc-subtotal"></span></div></div>
      <p class="muted small">Tax and shipping are worked out at checkout.</p>
      <div class="drawer-actions"><a class="button" id="mc-checkout" href="/checkout.html">Checkout</a>
        <a class="button secondary" href="/cart.html">View cart</a></div>
    </div>`;
  document.body.append(dialog);
  dialog.querySelector('#mc-close').addEventListener('click', () => dialog.close());
  // a click on the backdrop (the dialog element itself, outside its body) closes it; Esc closes any modal dialog
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    // keep Tab inside the drawer (the browser would otherwise move on to its own address bar)
    const focusable = [...dialog.querySelectorAll('a[href], button:not([disabled])')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  });
  return dialog;
}

/** The mini-cart drawer: the cart's lines, quantities and subtotal, Checkout; {added} names what was just added. */
export async function openMiniCart(added) {
  const dialog = miniCartDialog();
  const lines = dialog.querySelector('#mc-lines');
  let cart;
  try {
    cart = await api('/api/cart', { fresh: true });
  } catch (e) {
    say(e.message, 'error');
    return;
  }
  dialog.querySelector('#mc-added').hidden = !added;
  dialog.querySelector('#mc-added').textContent = added ? `Added ${added} to your cart.` : '';
  lines.innerHTML = cart.items.map((l) => `<li data-product-id="${esc(l.product_id)}">
      <img src="${esc(imageSrc(l.image_url, null, l.product_id))}" alt="" width="56" height="42">
      <span class="mc-name"><a href="/product.html?id=${encodeURIComponent(l.product_id)}">${esc(lineName(l))}</a>
        <span class="muted">Qty ${l.quantity} × ${money(l.unit_price)}</span></span>
      <span class="price">${money(l.line_total)}</span></li>`).join('')
    || '<li class="empty-state">Your cart is empty. <a href="/shop.html">Find something you like.</a></li>';
  dialog.querySelector('#mc-subtotal').textContent = money(cart.subtotal);
  const checkout = dialog.querySelector('#mc-checkout');
  checkout.hidden = cart.items.length === 0;
  const badge = document.getElementById('cart-count');
  if (badge) badge.textContent = String(cart.item_count || 0);
  // one modal at a time: adding from the quick view swaps it for the drawer
  document.querySelectorAll('dialog[open]').forEach((d) => { if (d !== dialog) d.close(); });
  if (!dialog.open) dialog.showModal();
  (cart.items.length ? checkout : dialog.querySelector('#mc-close')).focus();
}

/**
 * A product card for a list of products (shop grid, home page shelves): picture, name, rating, price, stock, Add to cart
 * and, where the page has a quick view, its button. {heading} is the card title's level under the list's own heading.
 */
export function productCard(p, { heading = 'h2', quick = true } = {}) {
  const stock = p.in_stock ? (p.stock_quantity <= 5 && !p.digital_download ? `<span class="low-stock">Only ${p.stock_quantity} left</span>` : '<span class="in-stock">In stock</span>')
    : '<span class="out-of-stock">Out of stock</span>';
  return `<li class="card" data-product-id="${esc(p.product_id)}">
    <img src="${esc(imageSrc(p.image_url, p.category, p.product_id))}" alt="${esc(p.name)}" width="320" height="240" loading="lazy" decoding="async">
    <div>
      <${heading}><a href="/product.html?id=${encodeURIComponent(p.product_id)}">${esc(p.name)}</a></${heading}>
      <div class="muted">${esc(p.category)}${p.subcategory ? ' · ' + esc(p.subcategory) : ''}</div>
      <div>${stars(p.rating)} <span class="muted">(${p.review_count || 0})</span></div>
      <div class="price">${money(p.price)}</div>
      <div>${stock}</div>
    </div>
    <div class="actions">
      ${buyButton(p, `class="add" data-id="${esc(p.product_id)}"`)}
      ${quick ? `<button type="button" class="secondary quick" data-id="${esc(p.product_id)}" aria-label="Quick view of ${esc(p.name)}">Quick view</button>` : ''}
    </div>
  </li>`;
}

/** Add to cart, or for a product with options (size, colour) a link to its page to choose them. */
export function buyButton(p, attributes) {
  if (p.variants?.length) {
    return `<a class="button" href="/product.html?id=${encodeURIComponent(p.product_id)}" aria-label="Choose ${esc(p.options.map((o) => o.name.toLowerCase()).join(' and '))} of ${esc(p.name)}">Choose options</a>`;
  }
  return `<button type="button" ${attributes} ${p.in_stock ? '' : 'disabled'} aria-label="Add ${esc(p.name)} to cart">Add to cart</button>`;
}

export function stars(rating) {
  const r = Math.round(rating || 0);
  return `<span class="stars" aria-label="Rated ${Number(rating || 0).toFixed(1)} out of 5">${'★'.repeat(r)}${'☆'.repeat(5 - r)}</span>`;
}

/** Sends a behaviour event (recommendations, browse-abandonment mails); never gets in the shopper's way. */
export function track(path, body) {
  api(path, { method: 'POST', body }).catch(() => {});
}

export const deviceType = () => (matchMedia('(max-width: 760px)').matches ? 'mobile' : matchMedia('(max-width: 1024px)').matches ? 'tablet' : 'desktop');

const STATUS_LABELS = { pending: 'Pending', awaiting_payment: 'Awaiting payment', confirmed: 'Confirmed', processing: 'Processing',
  shipped: 'Shipped', delivered: 'Delivered', cancelled: 'Cancelled', refunded: 'Refunded', paid: 'Paid', failed: 'Failed',
  partially_refunded: 'Partly refunded' };
/** An order or payment status as a coloured badge. */
export const statusBadge = (s) => `<span class="badge ${esc(s)}">${esc(STATUS_LABELS[s] || s)}</span>`;

/** Subtotal, discount, tax, shipping and total of a quote or an order, as the server worked them out (cents). */
export function totalsHtml(q) {
  return `<div><span>Subtotal</span><span id="subtotal">${money(q.subtotal)}</span></div>
    ${q.discount ? `<div><span>Discount</span><span id="discount">−${money(q.discount)}</span></div>` : ''}
    <div><span>Tax</span><span id="tax">${money(q.tax)}</span></div>
    <div><span>Shipping</span><span id="shipping">${q.shipping ? money(q.shipping) : 'Free'}</span></div>
    <div class="grand"><span>Total</span><span id="total">${money(q.total)}</span></div>`;
}

/** A postal address on one line. */
export const addressLine = (a) => [a?.name, a?.line1, a?.line2, a?.city, a?.state, a?.postal_code, a?.country].filter(Boolean).join(', ');

const STATE_ICONS = {
  empty: '<path d="M4 7h16l-1.5 12.5a1 1 0 0 1-1 .9H6.5a1 1 0 0 1-1-.9z M9 7V5.5a3 3 0 0 1 6 0V7"/>',
  search: '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5 21 21"/>',
  error: '<path d="M12 3 2 20h20z M12 10v4.5 M12 17.2v.3"/>',
};

/**
 * A designed empty or error state: an icon, a title, a line of text (HTML, already escaped) and an action (HTML). The
 * error state of a request that could not reach the shop offers "Try again" (see showError).
 */
export function stateHtml({ kind = 'empty', icon = kind, title, text = '', action = '' }) {
  return `<div class="state ${kind}-state"><svg class="state-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${STATE_ICONS[icon]}</svg>
    <p class="state-title">${esc(title)}</p>${text ? `<p>${text}</p>` : ''}${action}</div>`;
}

/**
 * Puts the error state for a failed request into {box} (wrapped by {wrap}, e.g. a table row) with a "Try again" button
 * that calls {retry}. A shop that cannot be reached (5xx, network) gets a friendly message, a refusal its own.
 */
export function showError(box, error, retry, wrap = (html) => html) {
  const down = !error?.status || error.status >= 500;
  box.innerHTML = wrap(stateHtml({ kind: 'error', title: down ? 'The shop cannot be reached just now' : 'That did not work',
    text: down ? 'Nothing is lost: please try again in a moment.' : esc(error.message),
    action: '<button type="button" class="retry">Try again</button>' }));
  box.querySelector('button.retry').addEventListener('click', retry, { once: true });
}

/** Query-string parameters of the current page. */
export const params = () => new URLSearchParams(location.search);
