// admin-marketing.html: the marketing funnel per trigger (GET /api/marketing/analytics) as a chart and a table, the
// abandoned-cart rate and attributed revenue, and buttons that run each scan now.
import { api, auth, esc, money, say, siteHeader } from './api.js';

const TRIGGERS = {
  abandoned_cart: { label: 'Abandoned cart (10 % code)', scan: '/api/marketing/scan-abandoned-carts' },
  browse_abandonment: { label: 'Browse abandonment (5 % code)', scan: '/api/marketing/scan-browse-abandonment' },
  price_drop: { label: 'Price drop', scan: '/api/marketing/scan-price-drops' },
  back_in_stock: { label: 'Back in stock', scan: '/api/marketing/scan-restock' },
  recommendations: { label: 'Weekly recommendations', scan: '/api/marketing/send-recommendations' },
};
const STAGES = ['sent', 'opened', 'clicked', 'converted'];
const COLOURS = ['#1d4f91', '#2f7d4f', '#b3641b', '#7a1f2b'];
const percent = (fraction) => `${(100 * (fraction || 0)).toFixed(1)} %`;

/** Grouped bars: for each trigger, sent → opened → clicked → converted. */
function funnelChart(triggers) {
  const ids = Object.keys(TRIGGERS);
  const max = Math.max(1, ...ids.map((id) => triggers[id]?.sent || 0));
  const group = 140;
  const bars = ids.map((id, i) => STAGES.map((stage, s) => {
    const value = triggers[id]?.[stage] || 0;
    const h = Math.round((value / max) * 160);
    return `<rect x="${i * group + 10 + s * 28}" y="${180 - h}" width="24" height="${h}" fill="${COLOURS[s]}"><title>${esc(TRIGGERS[id].label)}: ${value} ${stage}</title></rect>`;
  }).join('') + `<text x="${i * group + 10}" y="198" font-size="11" fill="#1d2330">${esc(id.replace(/_/g, ' '))}</text>`).join('');
  const legend = STAGES.map((stage, s) => `<rect x="${s * 110}" y="208" width="12" height="12" fill="${COLOURS[s]}"></rect><text x="${s * 110 + 16}" y="219" font-size="12">${stage}</text>`).join('');
  return `<svg class="chart" viewBox="0 0 ${ids.length * group} 226" role="img" aria-label="Mails sent, opened, clicked and converted per trigger">${bars}${legend}</svg>`;
}

function render(report) {
  document.getElementById('summary').innerHTML = `
    <div><dt>Abandoned-cart rate</dt><dd>${percent(report.abandoned_cart_rate)} <span class="muted">(${report.abandoned_carts} of ${report.carts_with_items} carts)</span></dd></div>
    <div><dt>Revenue attributed</dt><dd>${money(report.revenue_attributed)}</dd></div>
    <div><dt>Mails sent</dt><dd>${Object.values(report.triggers).reduce((n, t) => n + t.sent, 0)}</dd></div>`;
  document.getElementById('funnel-chart').innerHTML = funnelChart(report.triggers);
  document.getElementById('funnel-rows').innerHTML = Object.entries(TRIGGERS).map(([id, t]) => {
    const f = report.triggers[id] || {};
    return `<tr><th scope="row">${esc(t.label)}</th><td class="num">${f.sent || 0}</td>
      <td class="num">${f.opened || 0} <span class="muted">${percent(f.open_rate)}</span></td>
      <td class="num">${f.clicked || 0} <span class="muted">${percent(f.click_rate)}</span></td>
      <td class="num">${f.converted || 0} <span class="muted">${percent(f.conversion_rate)}</span></td>
      <td class="num">${money(f.revenue)}</td><td class="num">${f.suppressed || 0}</td>
      <td><button type="button" class="secondary" data-scan="${esc(id)}">Run ${esc(t.label.split(' (')[0].toLowerCase())} scan</button></td></tr>`;
  }).join('');
}

async function load() {
  try {
    render(await api('/api/marketing/analytics', { fresh: true }));
  } catch (e) {
    say(e.message, 'error');
  }
}

document.getElementById('funnel-rows').addEventListener('click', async (event) => {
  const id = event.target.dataset?.scan;
  if (!id) return;
  event.target.disabled = true;
  try {
    const result = await api(TRIGGERS[id].scan, { method: 'POST' });
    say(`${TRIGGERS[id].label}: ${result.queued} mail(s) queued.`);
    await load();
  } catch (e) {
    say(e.message, 'error');
  } finally {
    event.target.disabled = false;
  }
});

siteHeader('admin');
if (!auth.isAdmin()) say('Log in as an administrator to see marketing analytics.', 'error');
else load();
