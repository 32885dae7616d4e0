// Placeholder storefront: lists products from GET /api/products. User content is inserted as text, never as HTML.
(function () {
  const state = { page: 1, pageSize: 24 };
  const list = document.getElementById('products');
  const status = document.getElementById('status');
  const form = document.getElementById('filters');
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

  function card(product) {
    const item = document.createElement('li');
    item.className = 'product-card';
    const img = document.createElement('img');
    img.src = product.image_url;
    img.alt = product.name;
    img.loading = 'lazy';
    const title = document.createElement('h2');
    title.textContent = product.name;
    const price = document.createElement('p');
    price.className = 'price';
    price.textContent = money.format(product.price / 100);
    const stock = document.createElement('p');
    stock.textContent = product.in_stock ? (product.digital_download ? 'Instant download' : 'In stock') : 'Out of stock';
    if (!product.in_stock) stock.className = 'stock-out';
    item.append(img, title, price, stock);
    return item;
  }

  async function load() {
    const params = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...params]) if (!value) params.delete(key);
    params.set('page', state.page);
    params.set('page_size', state.pageSize);
    status.textContent = 'Loading…';
    const response = await fetch('/api/products?' + params);
    const body = await response.json();
    if (!response.ok) {
      status.textContent = body.message || 'Could not load products';
      return;
    }
    list.replaceChildren(...body.items.map(card));
    const pages = Math.max(1, Math.ceil(body.total / body.page_size));
    document.getElementById('page-info').textContent = 'Page ' + body.page + ' of ' + pages;
    document.getElementById('prev').disabled = body.page <= 1;
    document.getElementById('next').disabled = body.page >= pages;
    status.textContent = body.total + ' products';
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); state.page = 1; load(); });
  document.getElementById('prev').addEventListener('click', () => { state.page--; load(); });
  document.getElementById('next').addEventListener('click', () => { state.page++; load(); });
  load();
})();
