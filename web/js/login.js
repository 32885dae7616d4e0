// login.html: log in or register; the guest cart is merged into the account, then back to where the shopper was.
import { api, siteHeader, say, auth, params } from './api.js';

function next() {
  const target = params().get('next') || '/shop.html';
  return /^\/[a-z-]+\.html(\?.*)?$/.test(target) ? target : '/shop.html';
}

async function logIn(email, password) {
  const result = await api('/api/auth/login', { method: 'POST', body: { email, password } });
  auth.set(result.token, result.user);
  try { await api('/api/cart/merge', { method: 'POST' }); } catch { /* nothing to merge */ }
  location.href = next();
}

document.getElementById('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  try { await logIn(f.email.value.trim(), f.password.value); } catch (err) { say(err.message, 'error'); }
});
document.getElementById('register-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  try {
    // by id: form.name is the form's own name attribute, not the field
    await api('/api/auth/register', { method: 'POST', body: { name: document.getElementById('register-name').value.trim(), email: f.email.value.trim(), password: f.password.value } });
    await logIn(f.email.value.trim(), f.password.value);
  } catch (err) {
    say(err.message + ((err.details || []).length ? ' (' + err.details.map((d) => `${d.field} ${d.problem}`).join('; ') + ')' : ''), 'error');
  }
});
siteHeader('login');
document.body.dataset.loaded = 'true';
