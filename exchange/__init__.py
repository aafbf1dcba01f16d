"""Work for outside translators (issue 13, point 5): posts exported for one language as XLIFF 1.2 or PO,
and the translated file imported back as drafts of that language.

Files are written and read with translate-toolkit (`translate.storage.xliff`, `translate.storage.po`):
one library for both formats, maintained by the Translate project (it is what Pootle and Weblate build
on), whose XLIFF store reads back what CAT tools write and whose XML parser refuses entities and network
access; no XML or PO syntax is written by hand here. Segments and fingerprints: `segments`; the two file
formats: `formats`; `exporting` and `importing` are the services the admin (`views`, `admin`) and the
`export_translations` / `import_translations` commands call.
"""
