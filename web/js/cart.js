// cart.html: lines with quantity and remove, subtotal, discount code, tax/shipping estimate (POST /api/cart/quote).
import { api, esc, money, imageSrc, siteHeader, say, refreshCartCount, totalsHtml, stateHtml, showError, lineName } from './api.js';

const lines = document.getElementById('cart-lines');
const form = document.getElementById('estimate');

function estimateAddress() {
  const country = form.country.value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return undefined;
  return { name: 'Estimate', line1: 'Estimate', city: 'Estimate', state: form.state.value.trim() || undefined,
    postal_code: form.postal_code.value.trim() || '00000', country };
}

async function quote() {
  const body = {};
  const code = form.discount_code.value.trim();
  if (code) body.discount_code = code;
  const address = estimateAddress();
  if (address) body.shipping_address = address;
  try {
    const q = await api('/api/cart/quote', { method: 'POST', body });
    document.getElementById('totals').innerHTML = totalsHtml(q);
    if (code) localStorage.setItem('shop.discountCode', code); else localStorage.removeItem('shop.discountCode');
    // a valid code replaces any earlier complaint about one
    if (code && q.discount) say(`Discount code ${code.toUpperCase()} applied.`);
    else if (document.getElementById('status').dataset.kind === 'error') say('');
  } catch (e) {
    say(e.message, 'error');
    if (e.code && code) { form.discount_code.value = ''; localStorage.removeItem('shop.discountCode'); }
  }
}

async function load() {
  const cart = await api('/api/cart');
  if (cart.items.length === 0) {
    lines.innerHTML = `<tr><td colspan="5" class="state-cell">${stateHtml({ title: 'Your cart is empty',
      text: 'Books, apparel, study guides and downloads are waiting in the shop.', action: '<a class="button" href="/shop.html">Find something you like</a>' })}</td></tr>`;
    document.getElementById('checkout').setAttribute('aria-disabled', 'true');
    document.getElementById('checkout').classList.add('secondary');
    document.getElementById('totals').innerHTML = totalsHtml({ subtotal: 0, tax: 0, shipping: 0, total: 0 });
  } else {
    lines.innerHTML = cart.items.map((l) => {
      const line = `data-id="${esc(l.product_id)}" data-variant="${esc(l.variant_id || '')}"`;
      return `<tr data-product-id="${esc(l.product_id)}" data-variant-id="${esc(l.variant_id || '')}">
      <td><img class="thumb" src="${esc(imageSrc(l.image_url, null, l.product_id))}" alt="" width="48" height="48"> <a href="/product.html?id=${encodeURIComponent(l.product_id)}">${esc(l.name)}</a>
        ${l.variant ? `<br><span class="muted variant">${esc(l.variant)}</span>` : ''}
        ${l.available ? '' : '<br><span class="out-of-stock">No longer available in this quantity</span>'}</td>
      <td class="num">${money(l.unit_price)}</td>
      <td><label><span class="skip">Quantity of ${esc(lineName(l))}</span><input type="number" class="qty" min="0" max="99" value="${l.quantity}" ${line} style="width:4.5rem"></label></td>
      <td class="num">${money(l.line_total)}</td>
      <td><button type="button" class="secondary remove" ${line} aria-label="Remove ${esc(lineName(l))}">Remove</button></td></tr>`;
    }).join('');
  }
  lines.removeAttribute('aria-busy');
  await quote();
  refreshCartCount();
  document.body.dataset.loaded = 'true';
}

function loadOrExplain() {
  load().catch((e) => {
    showError(lines, e, loadOrExplain, (html) => `<tr><td colspan="5" class="state-cell">${html}</td></tr>`);
    document.body.dataset.loaded = 'true';
  });
}

lines.addEventListener('change', async (e) => {
  const input = e.target.closest('input.qty');
  if (!input) return;
  try {
    await api('/api/cart/update', { method: 'PUT', body: { product_id: input.dataset.id, variant_id: input.dataset.variant || undefined,
      quantity: parseInt(input.value, 10) || 0 } });
    say('Cart updated.');
  } catch (err) { say(err.message, 'error'); }
  load();
});
lines.addEventListener('click', async (e) => {
  const b = e.target.closest('button.remove');
  if (!b) return;
  const variant = b.dataset.variant ? '&variant_id=' + encodeURIComponent(b.dataset.variant) : '';
  try { await api('/api/cart/remove?product_id=' + encodeURIComponent(b.dataset.id) + variant, { method: 'DELETE' }); say('Removed.'); }
  catch (err) { say(err.message, 'error'); }
  load();
});
document.getElementById('clear-cart').addEventListener('click', async () => {
  if (!confirm('Remove everything from your cart?')) return;
  await api('/api/cart/clear', { method: 'DELETE' });
  load();
});
form.addEventListener('submit', (e) => { e.preventDefault(); quote(); });

siteHeader('cart');
form.discount_code.value = localStorage.getItem('shop.discountCode') || '';
loadOrExplain();
