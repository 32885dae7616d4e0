// 404.html: the page the shop answers for an address that does not exist (any path, so every link here is absolute).
import { siteHeader } from './api.js';

siteHeader('');
document.body.dataset.loaded = 'true';
