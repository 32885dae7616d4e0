// admin-shop.html: product CRUD with image upload and bulk actions, categories, inventory, orders (status, tracking,
// CSV export), sales analytics drawn as inline SVG, and the dead-letter queues with redrive. Admins only.
import { api, esc, money, siteHeader, say, auth, download } from './api.js';

const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 25;
let categories = [];
let products = [];
let productPage = 1;
const selected = new Set();
// the moves an admin may make by hand (the server's state machine, OrderStatus.java, has the last word); refunds go
// through the Refund button, which moves money
const NEXT = { pending: ['cancelled'], awaiting_payment: ['confirmed', 'cancelled'], confirmed: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'], shipped: ['delivered'], delivered: [], cancelled: [], refunded: [] };
const paid = (o) => ['paid', 'partially_refunded'].includes(o.payment_status);
const NEEDS_PAYMENT = ['confirmed', 'processing', 'shipped', 'delivered'];
// an order is confirmed, shipped and tracked only once its payment is recorded
const moves = (o) => (NEXT[o.order_status] || []).filter((s) => paid(o) || !NEEDS_PAYMENT.includes(s));

if (!auth.isAdmin()) {
  location.href = '/login.html?next=/admin-shop.html';
}

/* ---- tabs (arrow keys move between them) ---- */
const tabs = [...document.querySelectorAll('[role=tab]')];
function openTab(tab) {
  tabs.forEach((t) => {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  });
  const loaders = { 'tab-inventory': loadInventory, 'tab-orders': loadOrders, 'tab-analytics': loadAnalytics, 'tab-queues': loadQueues,
    'tab-categories': renderCategories, 'tab-codes': loadCodes };
  loaders[tab.id]?.().catch?.((e) => say(e.message, 'error'));
}
tabs.forEach((t, i) => {
  t.addEventListener('click', () => openTab(t));
  t.addEventListener('keydown', (e) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d) { const next = tabs[(i + d + tabs.length) % tabs.length]; next.focus(); openTab(next); }
  });
});

/* ---- products ---- */
function subOptions(select, category, value) {
  const subs = categories.find((c) => c.name === category)?.subcategories || [];
  select.innerHTML = '<option value="">(none)</option>' + subs.map((s) => `<option>${esc(s.name)}</option>`).join('');
  select.value = value || '';
}

let productLoads = 0;
async function loadProducts() {
  const mine = ++productLoads; // of two loads in flight, only the later one may draw the list
  const q = new URLSearchParams({ page: productPage, page_size: PAGE_SIZE, sort: 'newest' });
  if ($('admin-q').value.trim()) q.set('q', $('admin-q').value.trim());
  if ($('admin-category').value) q.set('category', $('admin-category').value);
  q.set('status', $('admin-status').value);
  // the admin list: drafts and archived products too, never from a cache
  const result = await api('/api/admin/products?' + q);
  if (mine !== productLoads) return;
  products = result.items;
  $('product-rows').innerHTML = products.map((p) => `<tr data-product-id="${esc(p.product_id)}">
    <td><input type="checkbox" class="pick" data-id="${esc(p.product_id)}" ${selected.has(p.product_id) ? 'checked' : ''} aria-label="Select ${esc(p.name)}"></td>
    <td><a href="/product.html?id=${encodeURIComponent(p.product_id)}">${esc(p.name)}</a><br><span class="muted">${esc(p.sku)}</span></td>
    <td>${esc(p.category)}<br><span class="muted">${esc(p.subcategory || '')}</span></td>
    <td class="num">${money(p.price)}</td>
    <td class="num ${p.stock_quantity <= 5 && !p.digital_download ? 'low-stock' : ''}">${p.digital_download ? '∞' : p.stock_quantity}</td>
    <td>${p.featured ? 'Yes' : 'No'}</td>
    <td><button type="button" class="secondary edit" data-id="${esc(p.product_id)}">Edit</button>
        <button type="button" class="secondary delete" data-id="${esc(p.product_id)}" aria-label="Delete ${esc(p.name)}">Delete</button></td></tr>`).join('')
    || '<tr><td colspan="7">No products.</td></tr>';
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  $('admin-pager').innerHTML = `<button type="button" data-page="${productPage - 1}" ${productPage <= 1 ? 'disabled' : ''}>Previous</button>
    <span>Page ${productPage} of ${pages} (${result.total} products)</span>
    <button type="button" data-page="${productPage + 1}" ${productPage >= pages ? 'disabled' : ''}>Next</button>`;
  document.body.dataset.loaded = 'true';
}

function openProduct(p) {
  $('pd-title').textContent = p ? 'Edit product' : 'Add product';
  $('pf-id').value = p?.product_id || '';
  $('pf-name').value = p?.name || '';
  $('pf-sku').value = p?.sku || '';
  $('pf-price').value = p ? (p.price / 100).toFixed(2) : '';
  $('pf-stock').value = p?.stock_quantity ?? 0;
  // a product with options is stocked per variant (Inventory tab); its total is theirs
  $('pf-stock').disabled = !!p?.variants?.length;
  $('pf-category').value = p?.category || categories[0]?.name || '';
  subOptions($('pf-subcategory'), $('pf-category').value, p?.subcategory);
  $('pf-description').value = p?.description || '';
  $('pf-featured').checked = !!p?.featured;
  $('pf-digital').checked = !!p?.digital_download;
  $('pf-image').value = '';
  // the primary image first, then the others in their order, each once
  formImages = [...new Set([p?.image_url, ...(p?.images || [])].filter(Boolean))];
  renderImages();
  $('pf-file').value = '';
  $('pf-file-name').textContent = p?.download_file ? 'Current file: ' + p.download_file : (p?.digital_download ? 'No file yet: buyers cannot download anything.' : '');
  $('product-dialog').showModal();
}

let formImages = [];

function renderImages() {
  $('pf-images').innerHTML = formImages.map((url, i) => `<li><img src="${esc(url)}" alt="Image ${i + 1}${i === 0 ? ' (primary)' : ''}" width="64" height="48">
    ${i === 0 ? '<span class="muted">Primary</span>' : `<button type="button" class="secondary primary-image" data-index="${i}">Make primary</button>`}
    <button type="button" class="secondary remove-image" data-index="${i}">Remove</button></li>`).join('');
}

$('pf-images').addEventListener('click', (e) => {
  const b = e.target.closest('button');
  if (!b) return;
  const [url] = formImages.splice(Number(b.dataset.index), 1);
  if (b.classList.contains('primary-image')) formImages.unshift(url);
  renderImages();
});

async function uploadImage(file) {
  if (file.size > 5 * 1024 * 1024) throw new Error(`${file.name}: images must be at most 5 MB.`);
  const result = await api('/api/admin/images', { method: 'POST', body: file, headers: { 'Content-Type': file.type } });
  return result.image_url;
}

/** The product's file: its type from the extension (browsers disagree on ZIP types), the name the buyer's copy gets. */
const FILE_TYPES = { pdf: 'application/pdf', epub: 'application/epub+zip', zip: 'application/zip', mp4: 'video/mp4' };
async function uploadProductFile(productId, file) {
  const type = FILE_TYPES[file.name.split('.').pop().toLowerCase()];
  if (!type) throw new Error(`${file.name}: upload a PDF, EPUB, ZIP or MP4 file.`);
  if (file.size > 100 * 1024 * 1024) throw new Error(`${file.name}: files must be at most 100 MB.`);
  return api(`/api/admin/products/${encodeURIComponent(productId)}/file?filename=${encodeURIComponent(file.name)}`,
    { method: 'POST', body: file, headers: { 'Content-Type': type } });
}

$('product-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = $('pf-id').value;
  try {
    for (const file of $('pf-image').files) { say(`Uploading ${file.name}…`); formImages.push(await uploadImage(file)); }
    $('pf-image').value = '';
    renderImages();
    const productFile = $('pf-file').files[0];
    if (productFile && !$('pf-digital').checked) throw new Error('Only a digital download has a file: tick "Digital download".');
    const body = { name: $('pf-name').value.trim(), sku: $('pf-sku').value.trim(), price: Math.round(parseFloat($('pf-price').value) * 100),
      stock_quantity: $('pf-stock').disabled ? undefined : parseInt($('pf-stock').value, 10), category: $('pf-category').value, subcategory: $('pf-subcategory').value || undefined,
      description: $('pf-description').value, featured: $('pf-featured').checked, digital_download: $('pf-digital').checked,
      image_url: formImages[0], images: formImages.length ? formImages : undefined };
    const saved = id ? await api('/api/products/' + encodeURIComponent(id), { method: 'PUT', body })
      : await api('/api/products', { method: 'POST', body });
    // the file goes up once the product exists, so a new product can have one too
    if (productFile) { say(`Uploading ${productFile.name}…`); await uploadProductFile(saved.product_id, productFile); }
    $('product-dialog').close();
    say(`Saved ${saved.name}.`);
    await loadProducts();
  } catch (err) {
    say(err.message + ((err.details || []).length ? ' (' + err.details.map((d) => `${d.field} ${d.problem}`).join('; ') + ')' : ''), 'error');
  }
});
$('pf-cancel').addEventListener('click', () => $('product-dialog').close());
$('pf-category').addEventListener('change', () => subOptions($('pf-subcategory'), $('pf-category').value));
$('new-product').addEventListener('click', () => openProduct(null));
$('product-search').addEventListener('submit', (e) => { e.preventDefault(); productPage = 1; loadProducts(); });
$('admin-status').addEventListener('change', () => { productPage = 1; selected.clear(); loadProducts().catch((e) => say(e.message, 'error')); });
$('admin-pager').addEventListener('click', (e) => { const n = e.target.closest('button')?.dataset.page; if (n) { productPage = Number(n); loadProducts(); } });
$('product-rows').addEventListener('change', (e) => {
  const box = e.target.closest('input.pick');
  if (!box) return;
  if (box.checked) selected.add(box.dataset.id); else selected.delete(box.dataset.id);
  $('selected-count').textContent = `${selected.size} selected`;
});
$('select-all').addEventListener('change', (e) => {
  products.forEach((p) => { if (e.target.checked) selected.add(p.product_id); else selected.delete(p.product_id); });
  document.querySelectorAll('#product-rows input.pick').forEach((b) => { b.checked = e.target.checked; });
  $('selected-count').textContent = `${selected.size} selected`;
});
$('product-rows').addEventListener('click', async (e) => {
  const b = e.target.closest('button');
  if (!b) return;
  const p = products.find((x) => x.product_id === b.dataset.id);
  if (b.classList.contains('edit')) openProduct(p);
  if (b.classList.contains('delete') && confirm(`Delete ${p.name}?`)) {
    try { await api('/api/products/' + encodeURIComponent(p.product_id), { method: 'DELETE' }); say(`Deleted ${p.name}.`); loadProducts(); }
    catch (err) { say(err.message, 'error'); }
  }
});

/** Bulk actions: one POST /api/admin/products/bulk for the selected products; failures are reported per product. */
async function bulk(request) {
  const ids = [...selected];
  if (!ids.length) { say('Select products first.', 'error'); return; }
  try {
    const r = await api('/api/admin/products/bulk', { method: 'POST', body: { product_ids: ids, ...request } });
    selected.clear();
    $('selected-count').textContent = '0 selected';
    $('select-all').checked = false;
    const failed = r.failed.map((f) => `${f.product_id}: ${f.message}`);
    say(`${r.changed} product${r.changed === 1 ? '' : 's'} changed.` + (failed.length ? ' Failed: ' + failed.join('; ') : ''), failed.length ? 'error' : 'info');
    await loadProducts();
  } catch (err) { say(err.message, 'error'); }
}
$('bulk-apply').addEventListener('click', async () => {
  const action = $('bulk-action').value;
  const requests = { feature: { action: 'feature' }, unfeature: { action: 'unfeature' }, draft: { action: 'draft' },
    activate: { action: 'activate' }, 'price-10': { action: 'price_percent', percent: -10 }, 'price+10': { action: 'price_percent', percent: 10 }, delete: { action: 'delete' } };
  if (!requests[action]) { say('Choose an action.', 'error'); return; }
  if (action === 'delete' && !confirm(`Delete ${selected.size} products?`)) return;
  await bulk(requests[action]);
});

/* ---- categories: list with product counts, add, rename (products move along), delete once empty ---- */
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
async function renderCategories() {
  const { items } = await api('/api/admin/categories');
  const list = $('category-list');
  list.innerHTML = items.map((c) => `<li class="panel" data-category="${esc(c.name)}">
      <h2>${esc(c.name)}</h2>
      <p class="count">${plural(c.products, 'product')} <span class="muted">(${c.active} in the shop)</span></p>
      <p class="muted">${c.subcategories.length ? esc(c.subcategories.join(', ')) : 'No subcategories'}</p>
      <form class="rename-form toolbar">
        <label>New name <input name="name" required maxlength="60" value="${esc(c.name)}" autocomplete="off" aria-label="New name for ${esc(c.name)}"></label>
        <button type="submit" class="secondary">Rename</button>
      </form>
      <button type="button" class="danger delete-category">Delete</button>
    </li>`).join('') || '<li class="muted">No categories yet: add the first one above.</li>';
  list.removeAttribute('aria-busy');
}
async function loadCategoryOptions() {
  categories = await api('/api/categories');
  const options = categories.map((c) => `<option value="${esc(c.name)}">${esc(c.name)}</option>`).join('');
  const chosen = $('admin-category').value;
  $('admin-category').innerHTML = '<option value="">All</option>' + options;
  $('admin-category').value = categories.some((c) => c.name === chosen) ? chosen : '';
  $('pf-category').innerHTML = options;
  $('move-category').innerHTML = options;
  subOptions($('move-subcategory'), categories[0]?.name);
}
/** After a change: the list, the category menus of the other tabs and the products (a rename moved some). */
async function categoriesChanged(message) {
  say(message);
  await Promise.all([renderCategories(), loadCategoryOptions(), loadProducts()]);
}
$('category-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const subcategories = $('cat-subs').value.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    const created = await api('/api/admin/categories', { method: 'POST', body: { name: $('cat-name').value, subcategories } });
    e.target.reset();
    await categoriesChanged(`Category ${created.name} created.`);
  } catch (err) { say(err.message, 'error'); }
});
$('category-list').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = e.target.closest('li').dataset.category;
  try {
    const r = await api('/api/admin/categories?' + new URLSearchParams({ name }), { method: 'PUT', body: { name: e.target.name.value } });
    await categoriesChanged(`Category ${name} renamed to ${r.category.name}; ${plural(r.products_moved, 'product')} moved.`);
  } catch (err) { say(err.message, 'error'); }
});
$('category-list').addEventListener('click', async (e) => {
  if (!e.target.closest('button.delete-category')) return;
  const name = e.target.closest('li').dataset.category;
  if (!confirm(`Delete the category ${name}?`)) return;
  try {
    await api('/api/admin/categories?' + new URLSearchParams({ name }), { method: 'DELETE' });
    await categoriesChanged(`Category ${name} deleted.`);
  } catch (err) { say(err.message, 'error'); }
});
$('move-category').addEventListener('change', () => subOptions($('move-subcategory'), $('move-category').value));
$('move-apply').addEventListener('click', () => bulk({ action: 'move', category: $('move-category').value, subcategory: $('move-subcategory').value || undefined }));

/* ---- inventory ---- */
async function loadInventory() {
  const q = $('inventory-q').value.trim();
  let rows;
  if (q) {
    rows = (await api('/api/products?page_size=100&q=' + encodeURIComponent(q))).items.filter((p) => !p.digital_download);
    $('inventory-caption').textContent = `Physical products matching “${q}”.`;
  } else {
    const threshold = $('low-threshold').value || '10';
    rows = (await api('/api/admin/analytics?days=1&low_stock=' + encodeURIComponent(threshold))).low_stock;
    $('inventory-caption').textContent = `Products with ${threshold} or fewer in stock, lowest first (up to 50).`;
  }
  // a product with options is stocked per variant: one row each (the analytics' low-stock list has them so already)
  rows = rows.flatMap((p) => (p.variants || []).length === 0 ? [p] : p.variants.map((v) => ({ product_id: p.product_id, variant_id: v.variant_id,
    name: `${p.name} — ${p.options.map((o) => v.options[o.name]).join(' / ')}`, sku: v.sku, stock_quantity: v.stock })));
  $('inventory-rows').innerHTML = rows.map((p) => `<tr data-product-id="${esc(p.product_id)}" data-variant-id="${esc(p.variant_id || '')}">
    <td><a href="/product.html?id=${encodeURIComponent(p.product_id)}">${esc(p.name)}</a></td><td>${esc(p.sku)}</td>
    <td class="num ${p.stock_quantity === 0 ? 'out-of-stock' : p.stock_quantity <= 10 ? 'low-stock' : ''}">${p.stock_quantity}</td>
    <td><form class="stock-form" data-id="${esc(p.product_id)}" data-variant="${esc(p.variant_id || '')}" style="display:flex;gap:.3rem">
      <label><span class="skip">New stock for ${esc(p.name)}</span><input type="number" min="0" name="stock" value="${p.stock_quantity}" style="width:6rem"></label>
      <button type="submit" class="secondary">Save</button></form></td></tr>`).join('') || '<tr><td colspan="4">No products to show.</td></tr>';
}
$('inventory-search').addEventListener('submit', (e) => { e.preventDefault(); loadInventory().catch((err) => say(err.message, 'error')); });
$('inventory-rows').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target.closest('form.stock-form');
  try {
    const stock = parseInt(f.stock.value, 10);
    const path = '/api/products/' + encodeURIComponent(f.dataset.id);
    let body = { stock_quantity: stock };
    if (f.dataset.variant) {
      // only this variant's stock is sent: the others keep theirs, whatever orders took since this page was loaded
      const product = await api(path, { fresh: true });
      body = { variants: product.variants.map(({ variant_id, sku, options, price, image }) =>
        ({ variant_id, sku, options, price, image, stock: variant_id === f.dataset.variant ? stock : undefined })) };
    }
    await api(path, { method: 'PUT', body });
    say('Stock saved.');
    await loadInventory();
  } catch (err) { say(err.message, 'error'); }
});

/* ---- orders ---- */
async function loadOrders() {
  const status = $('order-filter').value;
  const page = await api('/api/orders/admin/list?page_size=100' + (status ? '&status=' + encodeURIComponent(status) : ''));
  $('order-rows').innerHTML = page.items.map((o) => `<tr data-order-id="${esc(o.order_id)}">
    <td>${esc(o.order_number)}</td><td>${esc((o.order_date || '').slice(0, 16).replace('T', ' '))}</td><td>${esc(o.user_email || o.user_id)}</td>
    <td class="num">${money(o.total)}</td><td><span class="badge ${esc(o.order_status)}">${esc(o.order_status)}</span></td>
    <td><span class="badge ${esc(o.payment_status)}">${esc(o.payment_status)}</span></td>
    <td>${moves(o).length ? `<form class="status-form" data-id="${esc(o.order_id)}" style="display:flex;gap:.3rem"><label><span class="skip">New status</span>
      <select name="order_status">${moves(o).map((s) => `<option value="${s}">${s.replace('_', ' ')}</option>`).join('')}</select></label>
      <button type="submit" class="secondary">Set</button></form>` : '<span class="muted">final</span>'}
      ${paid(o) ? `<form class="refund-form" data-id="${esc(o.order_id)}" style="display:flex;gap:.3rem;margin-top:.3rem">
      <label><span class="skip">Refund amount in dollars (empty: all that is left)</span><input name="amount" inputmode="decimal" placeholder="all" style="width:5rem"></label>
      <button type="submit" class="secondary">Refund</button></form>` : ''}</td>
    <td>${paid(o) && NEEDS_PAYMENT.includes(o.order_status) ? `<form class="tracking-form" data-id="${esc(o.order_id)}" style="display:flex;gap:.3rem;flex-wrap:wrap">
      <label><span class="skip">Carrier</span><input name="carrier" placeholder="Carrier" value="${esc(o.carrier || '')}" style="width:5rem"></label>
      <label><span class="skip">Tracking number</span><input name="tracking_number" placeholder="Tracking no." value="${esc(o.tracking_number || '')}" style="width:8rem"></label>
      <button type="submit" class="secondary">Save</button></form>` : '<span class="muted">after payment</span>'}</td></tr>`).join('') || '<tr><td colspan="8">No orders.</td></tr>';
}
$('order-rows').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  try {
    if (f.classList.contains('status-form')) {
      await api(`/api/orders/${encodeURIComponent(f.dataset.id)}/status`, { method: 'PUT', body: { order_status: f.order_status.value } });
    } else if (f.classList.contains('refund-form')) {
      const dollars = f.amount.value.trim();
      if (dollars && !/^\d+(\.\d{1,2})?$/.test(dollars)) { say('Enter the refund as dollars and cents, e.g. 12.50, or leave it empty for all.', 'error'); return; }
      if (!confirm(dollars ? `Refund $${dollars}?` : 'Refund everything that is left?')) return;
      await api(`/api/orders/${encodeURIComponent(f.dataset.id)}/refund`, { method: 'POST',
        body: dollars ? { amount_cents: Math.round(Number(dollars) * 100) } : {} });
    } else {
      await api(`/api/orders/${encodeURIComponent(f.dataset.id)}/tracking`, { method: 'PUT', body: { carrier: f.carrier.value.trim(), tracking_number: f.tracking_number.value.trim() } });
    }
    say('Order updated.');
    await loadOrders();
  } catch (err) { say(err.message, 'error'); }
});
$('refresh-orders').addEventListener('click', () => loadOrders().catch((e) => say(e.message, 'error')));
$('order-filter').addEventListener('change', () => loadOrders().catch((e) => say(e.message, 'error')));
$('export-csv').addEventListener('click', async () => {
  const status = $('order-filter').value;
  try {
    await download('/api/orders/admin/export.csv' + (status ? '?status=' + encodeURIComponent(status) : ''), 'orders.csv');
    say('Orders exported to orders.csv.');
  } catch (err) { say(err.message, 'error'); }
});

/* ---- discount codes ---- */
async function loadCodes() {
  const codes = await api('/api/admin/discount-codes');
  $('code-rows').innerHTML = (codes.items || codes).map((c) => `<tr data-code="${esc(c.code)}">
    <td><strong>${esc(c.code)}</strong></td>
    <td>${c.type === 'percent' ? `${c.value} %` : money(c.value)}${c.single_use_per_user ? ' <span class="muted">once per customer</span>' : ''}</td>
    <td class="num">${c.used_count}${c.usage_limit != null ? ' of ' + c.usage_limit : ''}</td>
    <td>${esc((c.expires_at || 'never').slice(0, 10))}</td><td>${c.active ? 'Yes' : 'No'}</td>
    <td><button type="button" class="secondary toggle" data-code="${esc(c.code)}" data-active="${c.active}">${c.active ? 'Deactivate' : 'Activate'}</button></td></tr>`).join('')
    || '<tr><td colspan="6">No discount codes yet.</td></tr>';
}
$('code-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const type = $('dc-type').value;
  const value = Number($('dc-value').value.trim());
  if (!(value > 0)) { say('The value must be a positive number.', 'error'); return; }
  const body = { code: $('dc-code').value.trim().toUpperCase(), type, value: type === 'fixed' ? Math.round(value * 100) : Math.round(value),
    single_use_per_user: $('dc-single').checked };
  if ($('dc-limit').value.trim()) body.usage_limit = parseInt($('dc-limit').value, 10);
  if ($('dc-expires').value) body.expires_at = $('dc-expires').value + 'T23:59:59Z';
  try {
    await api('/api/admin/discount-codes', { method: 'POST', body });
    say(`Discount code ${body.code} created.`);
    e.target.reset();
    await loadCodes();
  } catch (err) {
    const fields = (err.details || []).map((d) => `${d.field} ${d.problem}`).join('; ');
    say(err.message + (fields ? ' (' + fields + ')' : ''), 'error');
  }
});
$('code-rows').addEventListener('click', async (e) => {
  const b = e.target.closest('button.toggle');
  if (!b) return;
  try {
    await api('/api/admin/discount-codes/' + encodeURIComponent(b.dataset.code), { method: 'PUT', body: { active: b.dataset.active !== 'true' } });
    say(`Discount code ${b.dataset.code} ${b.dataset.active === 'true' ? 'deactivated' : 'activated'}.`);
    await loadCodes();
  } catch (err) { say(err.message, 'error'); }
});

/* ---- review moderation: hide a review from the product page, or publish it again ---- */
async function loadReviews(productId) {
  const items = await api('/api/admin/reviews?product_id=' + encodeURIComponent(productId));
  $('review-rows').innerHTML = items.map((r) => `<article class="panel review" data-review-id="${esc(r.review_id)}">
    <p><strong>${esc(r.title || '(no title)')}</strong> ${'★'.repeat(r.rating)} <span class="muted">by ${esc(r.user_name || '')}, ${esc((r.created_at || '').slice(0, 10))}
      · ${esc(r.status || 'published')}</span></p>
    <p class="text"></p>
    <button type="button" class="secondary moderate" data-id="${esc(r.review_id)}" data-status="${r.status === 'hidden' ? 'published' : 'hidden'}">
      ${r.status === 'hidden' ? 'Publish again' : 'Hide'}</button></article>`).join('') || '<p>No reviews for this product.</p>';
  // review text is the customer's: set as text, never as markup
  items.forEach((r, i) => { $('review-rows').querySelectorAll('p.text')[i].textContent = r.review_text || ''; });
}
$('review-search').addEventListener('submit', (e) => {
  e.preventDefault();
  loadReviews($('rv-product').value.trim()).catch((err) => say(err.message, 'error'));
});
$('review-rows').addEventListener('click', async (e) => {
  const b = e.target.closest('button.moderate');
  if (!b) return;
  try {
    await api(`/api/reviews/${encodeURIComponent(b.dataset.id)}/status`, { method: 'PUT', body: { status: b.dataset.status } });
    say(b.dataset.status === 'hidden' ? 'Review hidden from the product page.' : 'Review published again.');
    await loadReviews($('rv-product').value.trim());
  } catch (err) { say(err.message, 'error'); }
});

/* ---- analytics: inline SVG charts ---- */
function barChart(points, { label, value, format, width = 720, height = 220 }) {
  const max = Math.max(1, ...points.map(value));
  const barW = width / Math.max(1, points.length);
  const bars = points.map((p, i) => {
    const h = Math.round((value(p) / max) * (height - 30));
    return `<rect x="${(i * barW + 1).toFixed(1)}" y="${height - 20 - h}" width="${Math.max(1, barW - 2).toFixed(1)}" height="${h}" fill="#7a1f2b"><title>${esc(label(p))}: ${esc(format(value(p)))}</title></rect>`;
  }).join('');
  const first = points[0] ? label(points[0]) : '';
  const last = points.length ? label(points[points.length - 1]) : '';
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Bar chart from ${esc(first)} to ${esc(last)}, highest ${esc(format(max))}">
    <line x1="0" y1="${height - 20}" x2="${width}" y2="${height - 20}" stroke="#4f5868"/>${bars}
    <text x="0" y="${height - 4}" font-size="12" fill="#4f5868">${esc(first)}</text>
    <text x="${width}" y="${height - 4}" font-size="12" fill="#4f5868" text-anchor="end">${esc(last)}</text>
    ${max > 1 ? `<text x="2" y="12" font-size="12" fill="#4f5868">max ${esc(format(max))}</text>` : ''}</svg>`;
}
function hBars(rows) {
  const max = Math.max(1, ...rows.map((r) => r.revenue));
  const h = 26;
  return `<svg class="chart" viewBox="0 0 720 ${Math.max(1, rows.length) * h}" role="img" aria-label="Top products by revenue">
    ${rows.map((r, i) => `<g transform="translate(0 ${i * h})"><rect x="300" y="4" height="${h - 8}" width="${Math.round((r.revenue / max) * 320)}" fill="#1a5fb4"/>
      <text x="0" y="${h - 9}" font-size="13" fill="#1d2330">${esc(r.name.length > 40 ? r.name.slice(0, 39) + '…' : r.name)}</text>
      <text x="${306 + Math.round((r.revenue / max) * 320)}" y="${h - 9}" font-size="13" fill="#1d2330">${esc(money(r.revenue))} (${r.quantity})</text></g>`).join('')}</svg>`;
}
async function loadAnalytics() {
  const r = await api('/api/admin/analytics?days=' + $('analytics-days').value);
  $('analytics-summary').textContent = `${r.orders} paid orders, ${money(r.revenue)} from ${r.from} to ${r.to}.`;
  $('sales-chart').innerHTML = (r.revenue > 0 ? '' : '<p class="muted">No paid orders in this period.</p>')
    + barChart(r.sales_per_day, { label: (p) => p.date, value: (p) => p.revenue, format: money });
  $('top-chart').innerHTML = r.top_products.length ? hBars(r.top_products) : '<p class="muted">No sales in this period.</p>';
  $('status-counts').innerHTML = Object.entries(r.orders_by_status).map(([s, n]) => `<span class="badge ${esc(s)}">${esc(s)}: ${n}</span>`).join(' ') || 'No orders.';
  $('low-stock-list').innerHTML = r.low_stock.slice(0, 10).map((p) => `<li>${esc(p.name)}: <strong>${p.stock_quantity}</strong></li>`).join('') || '<li>None</li>';
}
$('analytics-days').addEventListener('change', () => loadAnalytics().catch((e) => say(e.message, 'error')));

/* ---- dead-letter queues ---- */
async function loadQueues() {
  const r = await api('/api/admin/dlq');
  $('queue-list').innerHTML = r.queues.map((q) => `<section class="panel" data-queue="${esc(q.queue)}" style="margin-bottom:1rem">
    <h2 style="font-size:1.1rem;margin-top:0">${esc(q.queue)}</h2>
    <p>Waiting: ${q.queue_depth} · Dead letters (${esc(q.dlq)}): <strong class="dlq-depth">${q.depth}</strong>
      <button type="button" class="secondary redrive" data-queue="${esc(q.queue)}" ${q.depth ? '' : 'disabled'}>Redrive to ${esc(q.queue)}</button></p>
    ${q.messages.length ? `<div class="table-wrap"><table><thead><tr><th scope="col">Message</th><th scope="col">Failure reason</th><th scope="col">Body</th></tr></thead><tbody>
      ${q.messages.map((m) => `<tr><td>${esc(m.message_id.slice(0, 8))}</td><td>${esc(m.failure_reason || '')}</td><td><code>${esc(m.body.slice(0, 200))}</code></td></tr>`).join('')}
      </tbody></table></div>` : ''}</section>`).join('');
}
$('queue-list').addEventListener('click', async (e) => {
  const b = e.target.closest('button.redrive');
  if (!b) return;
  try {
    const r = await api(`/api/admin/dlq/${encodeURIComponent(b.dataset.queue)}/redrive`, { method: 'POST' });
    say(`${r.moved} message${r.moved === 1 ? '' : 's'} moved back to ${r.queue}.`);
    await loadQueues();
  } catch (err) { say(err.message, 'error'); }
});
$('refresh-queues').addEventListener('click', () => loadQueues().catch((e) => say(e.message, 'error')));

siteHeader('admin');
$('order-filter').innerHTML = '<option value="">All</option>' + Object.keys(NEXT).map((s) => `<option>${s}</option>`).join('');
loadCategoryOptions().catch(() => {});
loadProducts().catch((e) => say(e.message, 'error'));
