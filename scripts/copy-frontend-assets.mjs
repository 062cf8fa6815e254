// Copy the front-end files that pages load into build/static/: GOV.UK Frontend's JavaScript,
// fonts and images (build/static/govuk/) and GOV.UK's accessible autocomplete, which enhances
// the people and organisation pickers (build/static/autocomplete/). Only these are collected
// and served; the Sass and Nunjucks sources stay in node_modules, where the stylesheet build
// reads them.
import { cpSync, mkdirSync } from 'node:fs'

// Files are copied over the old ones (never removed first), so a test run already serving
// them never finds one missing while the assets are rebuilt.
function copy(from, to, files, folders = []) {
  mkdirSync(to, { recursive: true })
  for (const file of files) cpSync(`${from}/${file}`, `${to}/${file}`)
  for (const folder of folders) cpSync(`${from}/${folder}`, `${to}/${folder}`, { recursive: true })
}

copy(
  'node_modules/govuk-frontend/dist/govuk',
  'build/static/govuk',
  ['govuk-frontend.min.js', 'govuk-frontend.min.js.map'],
  ['assets'],
)
copy('node_modules/accessible-autocomplete/dist', 'build/static/autocomplete', [
  'accessible-autocomplete.min.js',
  'accessible-autocomplete.min.js.map',
  'accessible-autocomplete.min.css',
  'accessible-autocomplete.min.css.map',
])
