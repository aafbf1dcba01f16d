"""The translation desk: what each translation was made from, which are outdated, the side-by-side view and
the posts × languages grid (issue 13, points 2–4)."""
