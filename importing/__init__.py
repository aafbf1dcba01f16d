"""The Hugo/Markdown import pipeline: pure steps (sources → frontmatter → repair → language → hugo →
grouping → images) and one database step (`writer`). `run.import_paths` ties them together."""
