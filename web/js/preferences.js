// preferences.html: e-mail preferences (GET/PUT /api/preferences), the one-click unsubscribe landing, the watchlist
// (each watched product, or size and colour of one, with a way to stop watching), data export and account deletion.
import { api, auth, download, esc, lineName, money, params, say, showError, siteHeader, stateHtml } from './api.js';

const KINDS = { all: 'all marketing mail', abandoned_cart: 'cart reminders', browse_abandonment: 'offers on products you looked at',
  price_drop: 'price-drop alerts', back_in_stock: 'back-in-stock alerts', recommendations: 'weekly recommendations' };
const form = document.getElementById('preferences-form');

function showUnsubscribed() {
  const kind = params().get('unsubscribed');
  if (!kind) return;
  const note = document.getElementById('unsubscribed-note');
  note.textContent = `You are unsubscribed from ${KINDS[kind] || 'these mails'}. You can change this below at any time.`;
  note.hidden = false;
}

function fill(prefs) {
  for (const box of form.querySelectorAll('input[type=checkbox]')) box.checked = Boolean(prefs[box.name]) && !prefs.unsubscribed;
  form.elements.email.value = prefs.email || '';
}

async function load() {
  try {
    fill(await api('/api/preferences', { fresh: true }));
    form.hidden = false;
    document.getElementById('my-data').hidden = false;
    loadWatchlist();
  } catch (e) {
    say(e.message, 'error');
  }
}

const watchlist = document.getElementById('watchlist');

async function loadWatchlist() {
  try {
    const watches = await api('/api/track/watchlist', { fresh: true });
    watchlist.innerHTML = watches.length ? watches.map((w) => {
      const name = lineName({ name: w.product_name, variant: w.variant_label });
      return `<li data-product-id="${esc(w.product_id)}" data-variant-id="${esc(w.variant_id || '')}">
        <a href="/product.html?id=${encodeURIComponent(w.product_id)}">${esc(name)}</a>
        <span>${money(w.current_price)}, <span class="${w.in_stock ? 'in-stock">in stock' : 'out-of-stock">sold out'}</span></span>
        <button type="button" class="secondary stop-watching" aria-label="Stop watching ${esc(name)}">Stop watching</button></li>`;
    }).join('') : `<li>${stateHtml({ title: 'You are not watching anything yet',
      text: 'Use <em>Watch price and stock</em> on a product page.' })}</li>`;
  } catch (e) {
    showError(watchlist, e, loadWatchlist, (html) => `<li>${html}</li>`);
  }
  document.getElementById('watching').hidden = false;
}

watchlist.addEventListener('click', async (event) => {
  const item = event.target.closest('button.stop-watching')?.closest('li');
  if (!item) return;
  const query = new URLSearchParams({ product_id: item.dataset.productId });
  if (item.dataset.variantId) query.set('variant_id', item.dataset.variantId);
  try {
    await api(`/api/track/watchlist/remove?${query}`, { method: 'DELETE' });
    say(`${item.querySelector('a').textContent} is no longer on your watchlist.`);
    loadWatchlist();
  } catch (e) {
    say(e.message, 'error');
  }
});

async function save(changes, message) {
  try {
    fill(await api('/api/preferences', { method: 'PUT', body: changes }));
    say(message);
  } catch (e) {
    say(e.details.length ? e.details.map((d) => `${d.field} ${d.problem}`).join('; ') : e.message, 'error');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const changes = { email: form.elements.email.value.trim(), unsubscribed: false };
  for (const box of form.querySelectorAll('input[type=checkbox]')) changes[box.name] = box.checked;
  save(changes, 'Your preferences are saved.');
});

document.getElementById('unsubscribe-all').addEventListener('click', () =>
  save({ unsubscribed: true }, 'You will get no more marketing mail. Order mails still come.'));

document.getElementById('export').addEventListener('click', async () => {
  try {
    await download('/api/preferences/export', 'my-camel-shop-data.json');
    say('Your data is downloading.');
  } catch (e) {
    say(e.message, 'error');
  }
});

const confirmDelete = document.getElementById('confirm-delete');
const deleteButton = document.getElementById('delete-account');
confirmDelete.addEventListener('change', () => { deleteButton.disabled = !confirmDelete.checked; });
deleteButton.addEventListener('click', async () => {
  if (!confirm('Delete your account and personal data now? This cannot be undone.')) return;
  try {
    await api('/api/account', { method: 'DELETE' });
    auth.clear();
    location.href = '/shop.html?account=deleted';
  } catch (e) {
    say(e.message, 'error');
  }
});

siteHeader('preferences');
showUnsubscribed();
if (auth.token()) load();
else document.getElementById('login-note').hidden = false;
