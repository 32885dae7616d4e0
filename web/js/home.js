// index.html: the home page. Featured products, bestsellers and categories with counts (all cached reads), and a search
// box that suggests products as the visitor types; Enter searches the whole shop.
import { api, esc, siteHeader, addToCart, say, productCard, stateHtml, showError } from './api.js';

const SHELF = 8;
const SUGGESTIONS = 6;
const input = document.getElementById('home-q');
const suggestions = document.getElementById('suggestions');
const shown = new Map();

async function shelf(id, path) {
  const list = document.getElementById(id);
  try {
    const { items } = await api(path);
    items.forEach((p) => shown.set(p.product_id, p));
    list.innerHTML = items.map((p) => productCard(p, { heading: 'h3', quick: false })).join('')
      || `<li class="state-item">${stateHtml({ title: 'Nothing here yet', action: '<a href="/shop.html">Browse the shop</a>' })}</li>`;
  } catch (e) {
    showError(list, e, () => shelf(id, path), (html) => `<li class="state-item">${html}</li>`);
  }
  list.removeAttribute('aria-busy');
}

async function categories() {
  const list = document.getElementById('categories');
  try {
    const all = await api('/api/categories');
    list.innerHTML = all.map((c) => `<li><a href="/shop.html?category=${encodeURIComponent(c.name)}">
        <img src="/images/products/${esc(c.name.toLowerCase().replace(/[^a-z]+/g, '-'))}.svg" alt="" width="320" height="240" loading="lazy" decoding="async">
        <span class="name">${esc(c.name)}</span>
        <span class="muted count">${c.count} product${c.count === 1 ? '' : 's'}</span></a></li>`).join('');
  } catch (e) {
    showError(list, e, categories, (html) => `<li class="state-item">${html}</li>`);
  }
  list.removeAttribute('aria-busy');
}

function closeSuggestions() {
  suggestions.hidden = true;
  suggestions.innerHTML = '';
}

let asked = 0;
async function suggest() {
  const q = input.value.trim();
  const mine = ++asked;
  if (q.length < 2) { closeSuggestions(); return; }
  try {
    const { items } = await api('/api/products?' + new URLSearchParams({ q, page_size: SUGGESTIONS }));
    if (mine !== asked) return; // the visitor typed on; a later answer is on its way
    suggestions.innerHTML = items.map((p) => `<li><a href="/product.html?id=${encodeURIComponent(p.product_id)}">${esc(p.name)}</a></li>`).join('')
      || `<li class="muted">No products match “${esc(q)}”</li>`;
    suggestions.hidden = false;
  } catch {
    closeSuggestions();
  }
}

let typing;
input.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(suggest, 200); });
input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown' && !suggestions.hidden) { event.preventDefault(); suggestions.querySelector('a')?.focus(); }
  if (event.key === 'Escape') closeSuggestions();
});
suggestions.addEventListener('keydown', (event) => {
  const links = [...suggestions.querySelectorAll('a')];
  const at = links.indexOf(document.activeElement);
  if (event.key === 'ArrowDown' && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
  if (event.key === 'ArrowUp') { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
  if (event.key === 'Escape') { closeSuggestions(); input.focus(); }
});
document.addEventListener('click', (event) => { if (!event.target.closest('.combo')) closeSuggestions(); });

document.getElementById('main').addEventListener('click', (event) => {
  const button = event.target.closest('button.add');
  if (button) addToCart(button.dataset.id, 1, shown.get(button.dataset.id)?.name);
});

siteHeader('home');
Promise.allSettled([shelf('featured', `/api/featured?limit=${SHELF}`), shelf('bestsellers', `/api/bestsellers?limit=${SHELF}`), categories()])
  .then(() => {
    if (!shown.size) say('The shop could not be reached. Please try again in a moment.', 'error');
    document.body.dataset.loaded = 'true';
    performance.mark('data-rendered');
  });
