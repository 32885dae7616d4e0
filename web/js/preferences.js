// preferences.html: e-mail preferences (GET/PUT /api/preferences), the one-click unsubscribe landing, data export and
// account deletion.
import { api, auth, download, params, say, siteHeader } from './api.js';

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
  } catch (e) {
    say(e.message, 'error');
  }
}

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
