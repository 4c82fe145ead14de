#!/usr/bin/env node
// Compares reference-data/ with ../shared/data (when that folder exists beside the repository),
// so the committed copy never drifts from the shared source silently.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared/data');
if (!fs.existsSync(shared)) {
  console.log('Không có ../shared/data để so sánh; bỏ qua.');
  process.exit(0);
}
let differ = 0;
for (const name of fs.readdirSync(path.join(root, 'reference-data'))) {
  if (name === 'README.md') continue;
  const a = path.join(root, 'reference-data', name);
  const b = path.join(shared, name);
  if (!fs.existsSync(b)) {
    console.log(`- ${name}: không có trong ../shared/data`);
    differ++;
  } else if (!fs.readFileSync(a).equals(fs.readFileSync(b))) {
    console.log(`- ${name}: khác bản trong ../shared/data`);
    differ++;
  }
}
if (differ) {
  console.error(`${differ} tệp dữ liệu tham chiếu khác nguồn. Chép lại từ ../shared/data rồi kiểm tra seed.`);
  process.exit(1);
}
console.log('Dữ liệu tham chiếu khớp ../shared/data.');
