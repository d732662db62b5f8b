export { loadKy } from './eager.js';
