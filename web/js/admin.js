// admin-shop.html: product CRUD with image upload and bulk actions, categories, inventory, orders (status, tracking,
// CSV export), sales analytics drawn as inline SVG, and the dead-letter queues with redrive. Admins only.
import { api, esc, money, siteHeader, say, auth, download } from './api.js';

const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 25;
let categories = [];
let products = [];
let productPage = 1;
const selected = new Set();
const STATUSES = ['pending', 'awaiting_payment', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'];

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
  const loaders = { 'tab-inventory': loadInventory, 'tab-orders': loadOrders, 'tab-analytics': loadAnalytics, 'tab-queues': loadQueues, 'tab-categories': renderCategories };
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

async function loadProducts() {
  const q = new URLSearchParams({ page: productPage, page_size: PAGE_SIZE, sort: 'newest' });
  if ($('admin-q').value.trim()) q.set('q', $('admin-q').value.trim());
  if ($('admin-category').value) q.set('category', $('admin-category').value);
  const result = await api('/api/products?' + q);
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
      stock_quantity: parseInt($('pf-stock').value, 10), category: $('pf-category').value, subcategory: $('pf-subcategory').value || undefined,
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
    'price-10': { action: 'price_percent', percent: -10 }, 'price+10': { action: 'price_percent', percent: 10 }, delete: { action: 'delete' } };
  if (!requests[action]) { say('Choose an action.', 'error'); return; }
  if (action === 'delete' && !confirm(`Delete ${selected.size} products?`)) return;
  await bulk(requests[action]);
});

/* ---- categories ---- */
async function renderCategories() {
  categories = await api('/api/categories');
  $('category-list').innerHTML = categories.map((c) => `<h2 style="font-size:1.1rem">${esc(c.name)} <span class="muted">(${c.count})</span></h2>
    <ul>${c.subcategories.map((s) => `<li>${esc(s.name)} <span class="muted">(${s.count})</span></li>`).join('')}</ul>`).join('');
}
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
  $('inventory-rows').innerHTML = rows.map((p) => `<tr data-product-id="${esc(p.product_id)}">
    <td><a href="/product.html?id=${encodeURIComponent(p.product_id)}">${esc(p.name)}</a></td><td>${esc(p.sku)}</td>
    <td class="num ${p.stock_quantity === 0 ? 'out-of-stock' : p.stock_quantity <= 10 ? 'low-stock' : ''}">${p.stock_quantity}</td>
    <td><form class="stock-form" data-id="${esc(p.product_id)}" style="display:flex;gap:.3rem">
      <label><span class="skip">New stock for ${esc(p.name)}</span><input type="number" min="0" name="stock" value="${p.stock_quantity}" style="width:6rem"></label>
      <button type="submit" class="secondary">Save</button></form></td></tr>`).join('') || '<tr><td colspan="4">No products to show.</td></tr>';
}
$('inventory-search').addEventListener('submit', (e) => { e.preventDefault(); loadInventory().catch((err) => say(err.message, 'error')); });
$('inventory-rows').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target.closest('form.stock-form');
  try {
    await api('/api/products/' + encodeURIComponent(f.dataset.id), { method: 'PUT', body: { stock_quantity: parseInt(f.stock.value, 10) } });
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
    <td><form class="status-form" data-id="${esc(o.order_id)}" style="display:flex;gap:.3rem"><label><span class="skip">New status</span>
      <select name="order_status">${STATUSES.map((s) => `<option ${s === o.order_status ? 'selected' : ''}>${s}</option>`).join('')}</select></label>
      <button type="submit" class="secondary">Set</button></form></td>
    <td><form class="tracking-form" data-id="${esc(o.order_id)}" style="display:flex;gap:.3rem;flex-wrap:wrap">
      <label><span class="skip">Carrier</span><input name="carrier" placeholder="Carrier" value="${esc(o.carrier || '')}" style="width:5rem"></label>
      <label><span class="skip">Tracking number</span><input name="tracking_number" placeholder="Tracking no." value="${esc(o.tracking_number || '')}" style="width:8rem"></label>
      <button type="submit" class="secondary">Save</button></form></td></tr>`).join('') || '<tr><td colspan="8">No orders.</td></tr>';
}
$('order-rows').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  try {
    if (f.classList.contains('status-form')) {
      await api(`/api/orders/${encodeURIComponent(f.dataset.id)}/status`, { method: 'PUT', body: { order_status: f.order_status.value } });
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
$('order-filter').innerHTML = '<option value="">All</option>' + STATUSES.map((s) => `<option>${s}</option>`).join('');
api('/api/categories').then((all) => {
  categories = all;
  const options = all.map((c) => `<option value="${esc(c.name)}">${esc(c.name)}</option>`).join('');
  $('admin-category').innerHTML = '<option value="">All</option>' + options;
  $('pf-category').innerHTML = options;
  $('move-category').innerHTML = options;
  subOptions($('move-subcategory'), all[0]?.name);
}).catch(() => {});
loadProducts().catch((e) => say(e.message, 'error'));
