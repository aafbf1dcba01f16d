"""The Hugo/Markdown import pipeline: pure steps (sources → frontmatter → repair → language → hugo →
grouping → images) and one database step (`writer`, with `catalog`, `terms`, `media` and `redirects`).
`pipeline.import_paths` ties them together."""
