// product.html?id=…: gallery with zoom, details, quantity and add to cart, reviews (escaped), related products, sharing.
import { api, esc, money, imageSrc, isUpload, siteHeader, addToCart, say, stars, params, auth, track, deviceType, stateHtml, showError } from './api.js';

const id = params().get('id');
const mainImage = document.getElementById('main-image');
const mainImg = document.getElementById('main-img');
let product;

function showImage(src, button) {
  mainImg.src = src;
  document.querySelectorAll('#thumbs button').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
}

function toggleZoom(event) {
  const zoomed = mainImage.classList.toggle('zoomed');
  mainImage.setAttribute('aria-pressed', String(zoomed));
  if (zoomed && event?.offsetX !== undefined && event.type === 'click') {
    mainImg.style.transformOrigin = `${(event.offsetX / mainImage.clientWidth) * 100}% ${(event.offsetY / mainImage.clientHeight) * 100}%`;
  }
}
mainImage.addEventListener('click', toggleZoom);
mainImage.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggleZoom(e); } });
mainImage.addEventListener('mousemove', (e) => {
  if (mainImage.classList.contains('zoomed')) {
    mainImg.style.transformOrigin = `${(e.offsetX / mainImage.clientWidth) * 100}% ${(e.offsetY / mainImage.clientHeight) * 100}%`;
  }
});

function render(p) {
  product = p;
  document.title = `${p.name} - Camel Shop`;
  // uploaded pictures first; a product without one shows its artwork's views, around any other uploads
  const uploads = [p.image_url, ...(p.images || [])].filter(isUpload);
  const art = [1, 2, 3].map((view) => imageSrc(null, p.category, p.product_id, view));
  const images = (isUpload(p.image_url) ? uploads : [art[0], ...uploads, ...art.slice(1)]).filter((v, i, all) => all.indexOf(v) === i);
  mainImg.alt = p.name;
  // for link previews made by tools that run the page's script (the static tags describe the shop)
  const summary = (p.description || p.name).slice(0, 200);
  const meta = (selector, value) => document.querySelector(selector)?.setAttribute('content', value);
  meta('meta[name="description"]', summary);
  meta('meta[property="og:title"]', p.name);
  meta('meta[property="og:description"]', summary);
  meta('meta[property="og:image"]', new URL(images[0], location.href).href);
  document.getElementById('thumbs').innerHTML = images.length > 1 ? images.map((src, i) =>
    `<button type="button" data-src="${esc(src)}" aria-pressed="${i === 0}" aria-label="Picture ${i + 1} of ${images.length}"><img src="${esc(src)}" alt="" width="64" height="48"></button>`).join('') : '';
  showImage(images[0], document.querySelector('#thumbs button'));
  document.getElementById('name').textContent = p.name;
  document.getElementById('rating').innerHTML = `${stars(p.rating)} <a href="#reviews-title">${p.review_count || 0} reviews</a>`;
  renderOptions(p);
  showChoice();
  document.getElementById('description').innerHTML = (p.description || '').split(/\n{2,}/).map((para) => `<p>${esc(para)}</p>`).join('');
  const url = location.origin + '/product.html?id=' + encodeURIComponent(p.product_id);
  const text = encodeURIComponent(p.name);
  document.getElementById('share').innerHTML = `<span class="muted">Share:</span>
    <a href="mailto:?subject=${text}&body=${encodeURIComponent(url)}">E-mail</a>
    <a href="https://twitter.com/intent/tweet?text=${text}&url=${encodeURIComponent(url)}" target="_blank" rel="noopener noreferrer">X / Twitter</a>
    <a href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}" target="_blank" rel="noopener noreferrer">Facebook</a>
    <button type="button" class="secondary" id="copy-link">Copy link</button>`;
  document.getElementById('copy-link').addEventListener('click', async () => {
    if (navigator.share) { try { await navigator.share({ title: p.name, url }); return; } catch { /* cancelled */ } }
    try { await navigator.clipboard.writeText(url); say('Link copied.'); } catch { say(url); }
  });
  document.getElementById('product').setAttribute('aria-busy', 'false');
}

/** One radio group per option (fieldset + legend, a labelled radio per value); an option with one value comes chosen. */
function renderOptions(p) {
  const box = document.getElementById('options');
  box.innerHTML = (p.variants?.length ? p.options : []).map((o, i) => `<fieldset data-option="${esc(o.name)}"><legend>${esc(o.name)}</legend>
    ${o.values.map((v) => `<label class="choice"><input type="radio" name="option-${i}" value="${esc(v)}" ${o.values.length === 1 ? 'checked' : ''}>
      <span>${esc(v)}</span><span class="skip sold-out-note"></span></label>`).join('')}</fieldset>`).join('');
}

/** The values chosen so far, by option name. */
function chosenValues() {
  const chosen = {};
  document.querySelectorAll('#options fieldset').forEach((f) => {
    const checked = f.querySelector('input:checked');
    if (checked) chosen[f.dataset.option] = checked.value;
  });
  return chosen;
}

/** The variant the chosen values name, once every option has one (else undefined). */
function chosenVariant() {
  const chosen = chosenValues();
  if (!product.variants?.length || Object.keys(chosen).length < product.options.length) return undefined;
  return product.variants.find((v) => product.options.every((o) => v.options[o.name] === chosen[o.name]));
}

/** Price, stock, SKU, picture and quantity follow the choice; values that would be sold out with the others are struck. */
function showChoice() {
  const p = product;
  const variant = chosenVariant();
  const choosing = p.variants?.length && !variant;
  const stock = variant ? variant.stock : p.stock_quantity;
  document.getElementById('price').textContent = money(variant?.price ?? p.price);
  document.getElementById('category').textContent = [p.category, p.subcategory].filter(Boolean).join(' · ')
    + ((variant?.sku || p.sku) ? ` · SKU ${variant?.sku || p.sku}` : '');
  document.getElementById('availability').innerHTML = p.digital_download ? '<span class="in-stock">Digital download, available at once after payment</span>'
    : choosing ? `<span class="muted">Choose ${esc(p.options.map((o) => o.name.toLowerCase()).join(' and '))} to see availability</span>`
      : stock > 0 ? `<span class="${stock <= 5 ? 'low-stock' : 'in-stock'}">In stock (${stock} available)</span>`
        : '<span class="out-of-stock">Out of stock</span>';
  document.getElementById('add-to-cart').disabled = !p.in_stock || (!choosing && stock <= 0);
  document.getElementById('quantity').max = Math.min(99, p.digital_download ? 99 : Math.max(1, stock));
  if (variant?.image) showImage(variant.image, null);
  const chosen = chosenValues();
  document.querySelectorAll('#options fieldset').forEach((f) => f.querySelectorAll('label.choice').forEach((label) => {
    const wanted = { ...chosen, [f.dataset.option]: label.querySelector('input').value };
    const match = p.variants.filter((v) => Object.entries(wanted).every(([name, value]) => v.options[name] === value));
    const soldOut = match.every((v) => v.stock <= 0);
    label.classList.toggle('sold-out', soldOut);
    label.querySelector('.sold-out-note').textContent = soldOut ? ' (sold out)' : '';
  }));
}

document.getElementById('options').addEventListener('change', () => {
  if (document.getElementById('status').dataset.kind === 'error') say('');
  showChoice();
});

async function loadReviews(fresh = false) {
  const box = document.getElementById('reviews');
  try {
    const page = await api(`/api/reviews/${encodeURIComponent(id)}?page_size=20`, { fresh });
    box.innerHTML = page.items.length === 0 ? '<p class="muted">No reviews yet.</p>' : page.items.map((r) => `
      <article class="review" data-review-id="${esc(r.review_id)}">
        <h3>${stars(r.rating)} ${esc(r.title || '')}</h3>
        <p class="muted">${esc(r.user_name || 'A customer')}${r.verified_purchase ? ' · <strong>Verified purchase</strong>' : ''} · ${esc((r.created_at || '').slice(0, 10))}</p>
        <p class="text">${esc(r.review_text)}</p>
        <button type="button" class="secondary helpful" data-id="${esc(r.review_id)}">Helpful (${r.helpful_count || 0})</button>
      </article>`).join('');
  } catch (e) { box.textContent = 'Reviews could not be loaded.'; }
}

document.getElementById('reviews').addEventListener('click', async (e) => {
  const b = e.target.closest('button.helpful');
  if (!b) return;
  if (!auth.user()) { say('Log in to vote.', 'error'); return; }
  try { await api(`/api/reviews/${encodeURIComponent(b.dataset.id)}/helpful`, { method: 'POST' }); say('Thanks for your vote.'); loadReviews(true); }
  catch (err) { say(err.message, 'error'); }
});

document.getElementById('review-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  try {
    // by id: form.title would be the form's own title attribute, not the field
    const title = document.getElementById('review-title').value.trim();
    await api('/api/reviews', { method: 'POST', body: { product_id: id, rating: parseInt(document.getElementById('review-rating').value, 10),
      title: title || undefined, review_text: document.getElementById('review-text').value } });
    f.reset();
    say('Thank you, your review is posted.');
    loadReviews(true);
  } catch (err) { say(err.message, 'error'); }
});

document.getElementById('watch').addEventListener('click', async () => {
  if (!auth.user()) { location.href = '/login.html?next=' + encodeURIComponent(location.pathname + location.search); return; }
  // a product with options is watched per variant: the size and colour chosen
  const variant = chosenVariant();
  if (product.variants?.length && !variant) {
    const missing = [...document.querySelectorAll('#options fieldset')].filter((f) => !f.querySelector('input:checked'));
    say(`Choose the ${missing.map((f) => f.dataset.option.toLowerCase()).join(' and ')} to watch.`, 'error');
    missing[0]?.querySelector('input')?.focus();
    return;
  }
  try {
    await api('/api/track/watchlist/add', { method: 'POST',
      body: { product_id: id, variant_id: variant?.variant_id, notify_on_price_drop: true, notify_on_restock: true } });
    const what = variant ? ` (${product.options.map((o) => variant.options[o.name]).join(' / ')})` : '';
    say(`Added to your watchlist${what}: we will e-mail you when the price drops or it is back in stock.`);
  } catch (err) { say(err.message, 'error'); }
});

document.getElementById('buy').addEventListener('submit', (e) => {
  e.preventDefault();
  const quantity = parseInt(document.getElementById('quantity').value, 10) || 1;
  if (!product.variants?.length) {
    addToCart(product.product_id, quantity, product.name, { drawer: true });
    return;
  }
  const variant = chosenVariant();
  if (!variant) {
    const missing = [...document.querySelectorAll('#options fieldset')].filter((f) => !f.querySelector('input:checked'));
    say(`Choose the ${missing.map((f) => f.dataset.option.toLowerCase()).join(' and ')} first.`, 'error');
    missing[0]?.querySelector('input')?.focus();
    return;
  }
  const label = product.options.map((o) => variant.options[o.name]).join(' / ');
  addToCart(product.product_id, quantity, `${product.name} — ${label}`, { drawer: true, variantId: variant.variant_id });
});

async function loadRelated(p) {
  const q = new URLSearchParams({ category: p.category, page_size: 5, sort: 'bestselling' });
  if (p.subcategory) q.set('subcategory', p.subcategory);
  const result = await api('/api/products?' + q);
  document.getElementById('related').innerHTML = result.items.filter((r) => r.product_id !== p.product_id).slice(0, 4).map((r) => `
    <li class="card"><img src="${esc(imageSrc(r.image_url, r.category, r.product_id))}" alt="${esc(r.name)}" width="320" height="240" loading="lazy">
      <h3 style="font-size:1rem;margin:0"><a href="/product.html?id=${encodeURIComponent(r.product_id)}">${esc(r.name)}</a></h3>
      <span class="price">${money(r.price)}</span></li>`).join('');
}

siteHeader('shop');
document.getElementById('review-form').hidden = !auth.user();
document.getElementById('review-login').hidden = !!auth.user();
/** The product page's "not here" state: the heading says so, the description offers a way on. */
function missing(title, error) {
  document.getElementById('name').textContent = title;
  ['category', 'price'].forEach((field) => { document.getElementById(field).textContent = ''; });
  document.getElementById('review-form').hidden = true;
  const box = document.getElementById('description');
  if (error && (!error.status || error.status >= 500)) {
    showError(box, error, () => { box.innerHTML = ''; loadProduct(); });
  } else {
    box.innerHTML = stateHtml({ icon: 'search', title: 'This product is not (or no longer) in the shop',
      action: '<a class="button" href="/shop.html">Browse the shop</a>' });
  }
  document.getElementById('product').setAttribute('aria-busy', 'false');
  document.body.dataset.loaded = 'true';
}

function loadProduct() {
  api('/api/products/' + encodeURIComponent(id)).then((p) => {
    render(p);
    document.getElementById('buy').hidden = false; // no buttons for a product that is not there
    document.body.dataset.loaded = 'true';
    const from = document.referrer && new URL(document.referrer).origin === location.origin ? new URL(document.referrer).pathname : undefined;
    track('/api/track/view', { product_id: p.product_id, referrer: from, device_type: deviceType() });
    performance.mark('data-rendered');
    loadRelated(p).catch(() => {});
  }).catch((e) => missing(e.status === 404 || e.status === 400 ? 'Product not found' : 'The product could not be loaded', e));
}

if (!id) {
  missing('No product chosen');
} else {
  loadProduct();
  loadReviews();
}
