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

/** A site path or https URL for an image; anything else falls back to the category picture. */
export function imageSrc(url, category) {
  if (typeof url === 'string' && (/^\/[^/]/.test(url) || url.startsWith('https://'))) return url;
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
  try {
    const cart = await api('/api/cart');
    badge.textContent = String(cart.item_count || 0);
  } catch { badge.textContent = '0'; }
}

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
      ${link('/cart.html', 'Cart (<span id="cart-count">0</span>)', 'cart')}
      ${link('/orders.html', 'Orders', 'orders')}
      ${user?.role === 'admin' ? link('/admin-shop.html', 'Admin', 'admin') + link('/admin-marketing.html', 'Marketing', 'marketing') : ''}
      ${user ? link('/preferences.html', 'Preferences', 'preferences') : ''}
      ${user ? `<span class="who">${esc(user.name || user.email)}</span> <button type="button" id="logout" class="linkish">Log out</button>`
        : link('/login.html', 'Log in', 'login')}
    </nav>`;
  document.getElementById('logout')?.addEventListener('click', async () => {
    try { await api('/api/auth/logout', { method: 'POST' }); } catch { /* gone already */ }
    auth.clear();
    location.href = '/shop.html';
  });
  refreshCartCount();
}

/** Adds a product to the cart and says so. */
export async function addToCart(productId, quantity = 1, name = 'Item') {
  try {
    await api('/api/cart/add', { method: 'POST', body: { product_id: productId, quantity } });
    track('/api/track/cart-add', { product_id: productId });
    say(`${name} added to your cart.`);
    refreshCartCount();
    return true;
  } catch (e) {
    say(e.message, 'error');
    return false;
  }
}

/**
 * A product card for a list of products (shop grid, home page shelves): picture, name, rating, price, stock, Add to cart
 * and, where the page has a quick view, its button. {heading} is the card title's level under the list's own heading.
 */
export function productCard(p, { heading = 'h2', quick = true } = {}) {
  const stock = p.in_stock ? (p.stock_quantity <= 5 && !p.digital_download ? `<span class="low-stock">Only ${p.stock_quantity} left</span>` : '<span class="in-stock">In stock</span>')
    : '<span class="out-of-stock">Out of stock</span>';
  return `<li class="card" data-product-id="${esc(p.product_id)}">
    <img src="${esc(imageSrc(p.image_url, p.category))}" alt="${esc(p.name)}" width="320" height="240" loading="lazy" decoding="async">
    <div>
      <${heading}><a href="/product.html?id=${encodeURIComponent(p.product_id)}">${esc(p.name)}</a></${heading}>
      <div class="muted">${esc(p.category)}${p.subcategory ? ' · ' + esc(p.subcategory) : ''}</div>
      <div>${stars(p.rating)} <span class="muted">(${p.review_count || 0})</span></div>
      <div class="price">${money(p.price)}</div>
      <div>${stock}</div>
    </div>
    <div class="actions">
      <button type="button" class="add" data-id="${esc(p.product_id)}" ${p.in_stock ? '' : 'disabled'} aria-label="Add ${esc(p.name)} to cart">Add to cart</button>
      ${quick ? `<button type="button" class="secondary quick" data-id="${esc(p.product_id)}" aria-label="Quick view of ${esc(p.name)}">Quick view</button>` : ''}
    </div>
  </li>`;
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

/** Query-string parameters of the current page. */
export const params = () => new URLSearchParams(location.search);
