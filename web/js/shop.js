// shop.html: catalog with filters, search, sort, pagination, grid/list view and a quick view. State lives in the URL.
import { api, esc, money, imageSrc, siteHeader, addToCart, say, stars, params, productCard, buyButton, stateHtml, showError } from './api.js';

const PAGE_SIZE = 24;
const form = document.getElementById('filters');
const list = document.getElementById('products');
const pager = document.getElementById('pager');
const count = document.getElementById('result-count');
const categorySelect = document.getElementById('category');
const subSelect = document.getElementById('subcategory');
let categories = [];
let current = [];

function state() {
  const p = params();
  return {
    q: p.get('q') || '', category: p.get('category') || '', subcategory: p.get('subcategory') || '',
    min_price: p.get('min_price') || '', max_price: p.get('max_price') || '', in_stock: p.get('in_stock') || '',
    sort: p.get('sort') || 'newest', page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
  };
}

function setState(next) {
  const p = new URLSearchParams();
  Object.entries(next).forEach(([k, v]) => { if (v !== '' && v != null && !(k === 'page' && v === 1) && !(k === 'sort' && v === 'newest')) p.set(k, v); });
  history.pushState(null, '', '?' + p.toString());
  load();
}

function fillForm(s) {
  form.q.value = s.q; form.min_price.value = s.min_price; form.max_price.value = s.max_price;
  form.in_stock.checked = s.in_stock === 'true';
  document.getElementById('sort').value = s.sort;
  categorySelect.value = s.category;
  fillSubcategories(s.category);
  subSelect.value = s.subcategory;
}

function fillSubcategories(category) {
  const subs = categories.find((c) => c.name === category)?.subcategories || [];
  subSelect.innerHTML = '<option value="">All</option>' + subs.map((s) => `<option>${esc(s.name)}</option>`).join('');
  subSelect.disabled = subs.length === 0;
}


function renderPager(page, total) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const show = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  let html = `<button type="button" data-page="${page - 1}" ${page <= 1 ? 'disabled' : ''} id="prev">Previous</button>`;
  let last = 0;
  [...show].sort((a, b) => a - b).forEach((n) => {
    if (n - last > 1) html += '<span aria-hidden="true">…</span>';
    html += `<button type="button" class="secondary" data-page="${n}" ${n === page ? 'aria-current="page"' : ''} aria-label="Page ${n}">${n}</button>`;
    last = n;
  });
  html += `<button type="button" data-page="${page + 1}" ${page >= pages ? 'disabled' : ''} id="next">Next</button>`;
  pager.innerHTML = html;
}

async function load() {
  const s = state();
  fillForm(s);
  const q = new URLSearchParams({ page: s.page, page_size: PAGE_SIZE, sort: s.sort });
  ['q', 'category', 'subcategory', 'in_stock'].forEach((k) => { if (s[k]) q.set(k, s[k]); });
  if (s.min_price !== '') q.set('min_price', Math.round(parseFloat(s.min_price) * 100));
  if (s.max_price !== '') q.set('max_price', Math.round(parseFloat(s.max_price) * 100));
  try {
    const result = await api('/api/products?' + q);
    current = result.items;
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (result.items.length === 0 && result.total > 0 && s.page > pages) {
      // a page past the end (an old link): show the last one there is
      setState({ ...s, page: pages });
      return;
    }
    list.innerHTML = result.items.map((p) => productCard(p)).join('') || `<li class="state-item">${stateHtml({ icon: 'search',
      title: s.q ? `No products match “${s.q}”` : 'No products match these filters',
      text: 'Try fewer filters, another word, or look through every category.',
      action: '<button type="button" class="secondary" id="clear-empty">Clear the filters</button>' })}</li>`;
    document.getElementById('clear-empty')?.addEventListener('click', () => setState({ page: 1 }));
    count.textContent = `${result.total} product${result.total === 1 ? '' : 's'}`;
    renderPager(result.page, result.total);
  } catch (e) {
    // a filter the shop refuses (say a price range from 50 to 10): say why instead of "Loading…" forever
    const fields = (e.details || []).map((d) => `${d.field.replace('_', ' ')} ${d.problem}`).join('; ');
    if (fields) {
      list.innerHTML = `<li class="state-item">${stateHtml({ icon: 'search', title: 'Check the filters', text: esc(fields + '.') })}</li>`;
      say(e.message + ' (' + fields + ')', 'error');
    } else {
      showError(list, e, load, (html) => `<li class="state-item">${html}</li>`);
    }
    count.textContent = '';
    pager.innerHTML = '';
  }
  list.removeAttribute('aria-busy');
  document.body.dataset.loaded = 'true';
  performance.mark('data-rendered');
}

async function quickView(id) {
  const dialog = document.getElementById('quick-view');
  const body = document.getElementById('qv-body');
  const p = current.find((x) => x.product_id === id) || await api('/api/products/' + encodeURIComponent(id));
  body.innerHTML = `<div class="quick">
      <img src="${esc(imageSrc(p.image_url, p.category, p.product_id))}" alt="${esc(p.name)}" width="320" height="240">
      <div>
        <h2 id="qv-title">${esc(p.name)}</h2>
        <p class="price">${money(p.price)}</p>
        <p>${stars(p.rating)} <span class="muted">${p.review_count || 0} reviews</span></p>
        <p>${esc((p.description || '').slice(0, 300))}</p>
        <p>${p.in_stock ? '<span class="in-stock">In stock</span>' : '<span class="out-of-stock">Out of stock</span>'}</p>
        ${buyButton(p, 'id="qv-add"')}
        <a href="/product.html?id=${encodeURIComponent(p.product_id)}">Full details</a>
      </div></div>`;
  // the drawer takes the quick view's place, so what was added is never hidden behind a backdrop
  document.getElementById('qv-add')?.addEventListener('click', () => addToCart(p.product_id, 1, p.name, { drawer: true }));
  dialog.showModal();
}

list.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  const p = current.find((x) => x.product_id === button.dataset.id);
  if (button.classList.contains('add')) addToCart(button.dataset.id, 1, p?.name);
  if (button.classList.contains('quick')) quickView(button.dataset.id);
});
pager.addEventListener('click', (event) => {
  const n = event.target.closest('button')?.dataset.page;
  if (n) { setState({ ...state(), page: parseInt(n, 10) }); window.scrollTo(0, 0); }
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  setState({ q: form.q.value.trim(), category: categorySelect.value, subcategory: subSelect.value, min_price: form.min_price.value,
    max_price: form.max_price.value, in_stock: form.in_stock.checked ? 'true' : '', sort: document.getElementById('sort').value, page: 1 });
});
document.getElementById('sort').addEventListener('change', () => setState({ ...state(), sort: document.getElementById('sort').value, page: 1 }));
categorySelect.addEventListener('change', () => { fillSubcategories(categorySelect.value); subSelect.value = ''; });
document.getElementById('clear-filters').addEventListener('click', () => setState({ page: 1 }));
function setView(view) {
  list.classList.toggle('list', view === 'list');
  document.getElementById('view-grid').setAttribute('aria-pressed', String(view === 'grid'));
  document.getElementById('view-list').setAttribute('aria-pressed', String(view === 'list'));
  localStorage.setItem('shop.view', view);
}
document.getElementById('view-grid').addEventListener('click', () => setView('grid'));
document.getElementById('view-list').addEventListener('click', () => setView('list'));
window.addEventListener('popstate', load);

siteHeader('shop');
if (params().get('account') === 'deleted') say('Your account and personal data are deleted, and you are signed out everywhere. Thank you for shopping with us.');
// phones keep the filters folded away (as the page arrives, so nothing moves), so the products come first; wider
// screens show them beside the products
if (!matchMedia('(max-width: 760px)').matches) document.getElementById('filter-panel').open = true;
setView(localStorage.getItem('shop.view') || 'grid');
load();
// the filter menu is an extra: the products show without it, and a failed load (the shop briefly busy or down) is
// tried again a few times, later each time, instead of leaving the menu empty
function loadCategories(attempt = 1) {
  api('/api/categories').then((all) => {
    categories = all;
    categorySelect.innerHTML = '<option value="">All categories</option>'
      + all.map((c) => `<option value="${esc(c.name)}">${esc(c.name)} (${c.count})</option>`).join('');
    fillForm(state());
  }).catch(() => { if (attempt < 4) setTimeout(() => loadCategories(attempt + 1), 1000 * attempt); });
}
loadCategories();
