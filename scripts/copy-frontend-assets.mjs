// Copy the GOV.UK Frontend files that pages load (its JavaScript, fonts and images) into
// build/static/govuk/. Only these are collected and served; the Sass and Nunjucks sources
// stay in node_modules, where the stylesheet build reads them.
import { cpSync, mkdirSync, rmSync } from 'node:fs'

const from = 'node_modules/govuk-frontend/dist/govuk'
const to = 'build/static/govuk'

rmSync(to, { recursive: true, force: true })
mkdirSync(to, { recursive: true })
for (const file of ['govuk-frontend.min.js', 'govuk-frontend.min.js.map']) {
  cpSync(`${from}/${file}`, `${to}/${file}`)
}
cpSync(`${from}/assets`, `${to}/assets`, { recursive: true })
